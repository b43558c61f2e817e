namespace LiveServerless.Functions.Erasure;

public enum ErasureStatus
{
    Pending,
    Done,
}

/// <summary>
/// The durable record of one user's erasure, keyed by user id — and, once it exists, the user's tombstone. <see cref="Erased"/>
/// lists the stores already erased, so a job interrupted by a crash continues where it stopped. The job waits until the stream has
/// been processed past <see cref="SettleAfter"/>: from then on every event of the user is either applied (and erased by the steps)
/// or dropped by the tombstone (<see cref="ErasedUserFilter"/>), never applied after a step ran.
/// </summary>
public sealed record ErasureJob(
    string UserId,
    ErasureStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset SettleAfter,
    IReadOnlyList<string> Erased,
    DateTimeOffset? CompletedAt)
{
    public static ErasureJob Start(string userId, DateTimeOffset now, TimeSpan settleMargin) =>
        new(userId, ErasureStatus.Pending, now, now + settleMargin, [], null);

    public ErasureJob WithErased(string store) => Erased.Contains(store, StringComparer.Ordinal) ? this : this with { Erased = [.. Erased, store] };

    public ErasureJob Complete(DateTimeOffset now) => this with { Status = ErasureStatus.Done, CompletedAt = now };

    /// <summary>
    /// Whether an event of the user that occurred at <paramref name="occurredAt"/> must be dropped: everything while the erasure runs,
    /// and everything from before it finished. Events after a re-created user's fresh start pass.
    /// </summary>
    public bool Covers(DateTimeOffset occurredAt) => Status == ErasureStatus.Pending || occurredAt <= CompletedAt;
}
