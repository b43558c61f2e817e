namespace LiveServerless.Emulators.EventHubs;

internal enum StartKind
{
    Offset,
    SequenceNumber,
    EnqueuedTime,
    Latest,
}

/// <summary>Where a receiver starts reading a partition, as its selector filter asked.</summary>
/// <param name="Value">An offset, a sequence number, or an enqueued time in Unix milliseconds, depending on <paramref name="Kind"/>.</param>
internal readonly record struct StartPosition(StartKind Kind, long Value, bool Inclusive)
{
    /// <summary>Offset "-1" exclusive: every offset is greater, so everything retained is read.</summary>
    public static StartPosition Earliest { get; } = new(StartKind.Offset, -1, Inclusive: false);

    public static StartPosition Latest { get; } = new(StartKind.Latest, 0, Inclusive: false);
}
