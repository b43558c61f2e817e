namespace LiveServerless.Domain.Ads;

/// <summary>
/// What one tracked ad event does to its campaign, decided by the viewer's <see cref="UserAdLedger"/> (which knows whether the impression
/// was already counted) and applied by <see cref="CampaignDelivery.Apply"/>. One event yields at most one outcome, so the event's
/// stream position is the outcome's exactly-once key in the delivery document.
/// </summary>
public sealed record AdOutcome(
    string CampaignId,
    string LeaseId,
    string ImpressionId,
    bool CountsImpression,
    bool CountsClick,
    decimal Cost,
    DateOnly ServedDay,
    DateTimeOffset OccurredAt,
    string PartitionId,
    long SequenceNumber);
