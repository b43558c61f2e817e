namespace LiveServerless.Domain.Ads;

/// <summary>
/// Picks the ad for a request from in-memory state: among the eligible candidates, the highest expected value per impression
/// (CPM: bid / 1000; CPC: bid × predicted CTR), ties broken by campaign id so the choice is deterministic. The winner's maximum cost is
/// reserved before the decision is returned. Eligible means: same tenant, active, in flight, under the viewer's frequency cap, targeting
/// matches, the pacing throttle lets it through, and a lease covers its maximum cost.
/// </summary>
public static class AdDecider
{
    /// <summary>
    /// The app's path: the index's candidates come in descending <see cref="ServingCampaign.ValueBound"/>, so the search stops at the first
    /// candidate that cannot beat the best eligible one found. Same result as a full evaluation, touching a fraction of the candidates.
    /// </summary>
    /// <param name="servedToday">The viewer's frequency counts per campaign today, from <see cref="UserAdLedger.ServedOn"/>.</param>
    /// <param name="impressionId">A fresh id; it also seeds the throttle draws, which makes the decision a pure function of its inputs.</param>
    public static AdDecision? Decide(
        AdRequest request, CampaignIndex index, IReadOnlyDictionary<string, int> servedToday, LeaseWallet wallet, string impressionId, DateTimeOffset now) =>
        Decide(request, index.Candidates(request), inBoundOrder: true, servedToday, wallet, impressionId, now);

    /// <summary>The reference path: evaluates every candidate, in any order (a scan of all campaigns, in tests and the benchmark).</summary>
    public static AdDecision? Decide(
        AdRequest request, IEnumerable<ServingCampaign> candidates, IReadOnlyDictionary<string, int> servedToday, LeaseWallet wallet, string impressionId, DateTimeOffset now) =>
        Decide(request, candidates, inBoundOrder: false, servedToday, wallet, impressionId, now);

    public static IReadOnlyList<ServingCampaign> Eligible(
        AdRequest request, IEnumerable<ServingCampaign> candidates, IReadOnlyDictionary<string, int> servedToday, LeaseWallet wallet, ulong requestKey, DateTimeOffset now) =>
        candidates.Where(c => IsServable(c, request, servedToday, requestKey, now) && wallet.CanCover(c.Campaign.Id, c.MaxCost, now)).ToList();

    private static AdDecision? Decide(
        AdRequest request,
        IEnumerable<ServingCampaign> candidates,
        bool inBoundOrder,
        IReadOnlyDictionary<string, int> servedToday,
        LeaseWallet wallet,
        string impressionId,
        DateTimeOffset now)
    {
        var requestKey = PacingThrottle.KeyOf(impressionId);
        HashSet<ServingCampaign>? lostRaces = null;
        while (true)
        {
            var best = Best(request, candidates, inBoundOrder, servedToday, wallet, requestKey, lostRaces, now);
            if (best is not { } winner)
            {
                return null;
            }

            var reservation = wallet.TryReserve(winner.Serving.Campaign.Id, winner.Serving.MaxCost, now);
            if (reservation is not null)
            {
                return new AdDecision(winner.Serving.Campaign, impressionId, reservation, now, reservation.TokenExpiresAt, winner.Pctr, winner.Value);
            }

            // Another decision took the lease's last budget between the check and the reservation: search again without this one.
            (lostRaces ??= new HashSet<ServingCampaign>(ReferenceEqualityComparer.Instance)).Add(winner.Serving);
        }
    }

    private static (ServingCampaign Serving, double Pctr, double Value)? Best(
        AdRequest request,
        IEnumerable<ServingCampaign> candidates,
        bool inBoundOrder,
        IReadOnlyDictionary<string, int> servedToday,
        LeaseWallet wallet,
        ulong requestKey,
        HashSet<ServingCampaign>? excluded,
        DateTimeOffset now)
    {
        (ServingCampaign Serving, double Pctr, double Value)? best = null;
        foreach (var candidate in candidates)
        {
            if (inBoundOrder && best is { } leader && candidate.ValueBound < leader.Value)
            {
                break;
            }

            if (excluded?.Contains(candidate) == true || !IsServable(candidate, request, servedToday, requestKey, now))
            {
                continue;
            }

            var pctr = ClickModel.Predict(candidate.CampaignCtr, request);
            var value = candidate.ExpectedValue(pctr);
            if (Beats(candidate, value, best) && wallet.CanCover(candidate.Campaign.Id, candidate.MaxCost, now))
            {
                best = (candidate, pctr, value);
            }
        }

        return best;
    }

    /// <summary>Everything but the budget, cheapest tests first; the budget check takes a lock, so it runs only for a would-be winner.</summary>
    private static bool IsServable(ServingCampaign serving, AdRequest request, IReadOnlyDictionary<string, int> servedToday, ulong requestKey, DateTimeOffset now)
    {
        var campaign = serving.Campaign;
        return campaign.TenantId == request.TenantId &&
            campaign.Status == CampaignStatus.Active &&
            campaign.IsInFlight(now) &&
            PacingThrottle.Passes(serving.Throttle, requestKey, serving.ThrottleKey) &&
            campaign.Targeting.Matches(request) &&
            servedToday.GetValueOrDefault(campaign.Id) < campaign.FrequencyCapPerDay;
    }

    private static bool Beats(ServingCampaign candidate, double value, (ServingCampaign Serving, double Pctr, double Value)? best) =>
        best is not { } leader ||
        value > leader.Value ||
        (value == leader.Value && string.CompareOrdinal(candidate.Campaign.Id, leader.Serving.Campaign.Id) < 0);
}
