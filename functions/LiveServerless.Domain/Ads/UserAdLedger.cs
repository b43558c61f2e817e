using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// One viewer's ads: one document per user (partition key = user id), written by the decision (a reservation per served ad) and by the
/// stream handler (tracking). It is the frequency-cap counter and the server-side copy of every live impression token, and so the place
/// where duplicate posts of one token are recognised. It stays small: an ad leaves it once its token has expired and settled.
/// <para>
/// Frequency invariant: <c>Served[campaign] ≤ cap</c> for the day, because <see cref="Reserve"/> refuses beyond the cap; every counted
/// impression was reserved, and a reservation is given back only when its ad was never shown and can no longer be.
/// </para>
/// </summary>
public sealed record UserAdLedger(
    string TenantId,
    string UserId,
    DateOnly Day,
    IReadOnlyDictionary<string, int> Served,
    IReadOnlyList<ServedAd> Ads,
    StreamWatermarks Watermarks)
{
    private static readonly IReadOnlyDictionary<string, int> NoneServed = new Dictionary<string, int>(StringComparer.Ordinal);

    public static UserAdLedger Empty(string tenantId, string userId) =>
        new(tenantId, userId, DateOnly.MinValue, NoneServed, [], StreamWatermarks.None);

    /// <summary>Ads reserved for this viewer per campaign on <paramref name="day"/>: the frequency counts a decision checks.</summary>
    public IReadOnlyDictionary<string, int> ServedOn(DateOnly day) => day == Day ? Served : NoneServed;

    /// <summary>
    /// Records a decision before its token is handed out; null when the campaign's cap for the day is already reached, or when the
    /// decision's day is older than the ledger's (an instance whose clock lags across midnight cannot count against a past day).
    /// </summary>
    public UserAdLedger? Reserve(AdDecision decision)
    {
        var day = PacingSlot.DayOf(decision.ServedAt);
        var served = new Dictionary<string, int>(ServedOn(day), StringComparer.Ordinal);
        var count = served.GetValueOrDefault(decision.Campaign.Id);
        if (day < Day || count >= decision.Campaign.FrequencyCapPerDay)
        {
            return null;
        }

        served[decision.Campaign.Id] = count + 1;
        var ad = new ServedAd(
            decision.ImpressionId, decision.Campaign.Id, decision.Reservation.LeaseId, decision.Campaign.BidType, decision.Campaign.Bid,
            decision.ServedAt, decision.ExpiresAt, Shown: false, Clicked: false);
        return this with { Day = day, Served = served, Ads = [.. Ads, ad] };
    }

    /// <summary>
    /// Applies this viewer's ad events from one partition's batch, skipping replays (watermarks). An impression counts once per impression
    /// id. A click counts once, and only on an impression that was recorded and at least <paramref name="clickDwell"/> after it: a click
    /// with no recorded impression, or sooner than a person can see an ad and decide, is a bot's or a forger's and counts for nothing (a
    /// later click on the same ad still can). Events for impressions this ledger does not hold (never served, or settled) and events
    /// after the token's expiry count for nothing.
    /// </summary>
    public (UserAdLedger Ledger, IReadOnlyList<AdOutcome> Outcomes) Track(IReadOnlyList<StreamedInteraction> events, TimeSpan clickDwell)
    {
        var ads = Ads.ToList();
        var outcomes = new List<AdOutcome>();
        foreach (var streamed in Watermarks.Unapplied(events))
        {
            var e = streamed.Interaction;
            var index = e.UserId == UserId && e.TenantId == TenantId ? ads.FindIndex(a => a.ImpressionId == e.ImpressionId) : -1;
            if (index < 0 || ads[index].CampaignId != e.CampaignId || e.OccurredAt > ads[index].ExpiresAt)
            {
                continue;
            }

            var ad = ads[index];
            var countsImpression = !ad.Shown && e.Type == InteractionType.AdImpression;
            var countsClick = !ad.Clicked && e.Type == InteractionType.AdClick && ad.Shown &&
                e.OccurredAt >= (ad.ShownAt ?? ad.ServedAt) + clickDwell;
            if (!countsImpression && !countsClick)
            {
                continue;
            }

            var cost = countsImpression
                ? AdPricing.CostOf(ad.BidType, ad.Price, AdEventKind.Impression)
                : AdPricing.CostOf(ad.BidType, ad.Price, AdEventKind.Click);
            ads[index] = countsImpression ? ad with { Shown = true, ShownAt = e.OccurredAt } : ad with { Clicked = true };
            outcomes.Add(new AdOutcome(
                ad.CampaignId, ad.LeaseId, ad.ImpressionId, countsImpression, countsClick, cost, PacingSlot.DayOf(ad.ServedAt), e.OccurredAt,
                streamed.PartitionId, streamed.SequenceNumber));
        }

        return (this with { Ads = ads, Watermarks = Watermarks.AdvanceAll(events) }, outcomes);
    }

    /// <summary>
    /// Forgets ads whose tokens expired by <paramref name="settledUntil"/> (see <see cref="CampaignDelivery.Settle"/> for what that time
    /// must guarantee). An ad that was never shown gives its frequency unit back: the viewer did not see it and now never will.
    /// </summary>
    public UserAdLedger Settle(DateTimeOffset settledUntil)
    {
        var expired = Ads.Where(a => a.ExpiresAt <= settledUntil).ToArray();
        if (expired.Length == 0)
        {
            return this;
        }

        var served = new Dictionary<string, int>(Served, StringComparer.Ordinal);
        foreach (var unseen in expired.Where(a => !a.Shown && PacingSlot.DayOf(a.ServedAt) == Day))
        {
            served[unseen.CampaignId]--;
        }

        return this with { Served = served, Ads = Ads.Where(a => a.ExpiresAt > settledUntil).ToArray() };
    }
}

/// <summary>
/// An ad served to the viewer: the server-side copy of its impression token (the bid stays here, never in the token), whether it has been
/// shown and when (the click dwell counts from then), and whether it has been clicked.
/// </summary>
public sealed record ServedAd(
    string ImpressionId,
    string CampaignId,
    string LeaseId,
    BidType BidType,
    decimal Price,
    DateTimeOffset ServedAt,
    DateTimeOffset ExpiresAt,
    bool Shown,
    bool Clicked)
{
    /// <summary>
    /// When the impression counted (the ingest's time of its ad_impression event); null until it has. Ledgers written before it was kept
    /// have shown ads without it: their dwell counts from <see cref="ServedAt"/>, which is earlier, and those ads expire within minutes.
    /// </summary>
    public DateTimeOffset? ShownAt { get; init; }
}
