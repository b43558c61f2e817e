namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// "A user engaging <see cref="NeighbourHostId"/> also engages <see cref="HostUserId"/>", worth <see cref="Weight"/>, addressed to
/// <see cref="HostUserId"/>'s document. It carries the stream position of the event behind it so that document can skip replays.
/// </summary>
public sealed record CoEngagementContribution(
    string HostUserId,
    string NeighbourHostId,
    double Weight,
    DateTimeOffset OccurredAt,
    string PartitionId,
    long SequenceNumber);
