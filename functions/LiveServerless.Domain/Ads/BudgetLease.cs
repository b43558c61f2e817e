namespace LiveServerless.Domain.Ads;

/// <summary>
/// A slice of a campaign's budget that one app instance may promise to impressions without a round trip, recorded in the campaign's
/// delivery document. Tokens are issued from it until <see cref="IssueUntil"/> and all expire by <see cref="TokensExpireBy"/>; charges
/// against it never exceed <see cref="Amount"/>. When the instance stops issuing from it, it reports what it reserved and the amount
/// shrinks to that (closing); once the stream has been applied past <see cref="TokensExpireBy"/>, no charge can arrive any more and the
/// lease is removed, its unspent rest returning to the budget (settlement).
/// </summary>
public sealed record BudgetLease(
    string Id,
    string CampaignId,
    string HolderId,
    DateOnly Day,
    decimal Amount,
    decimal Spent,
    DateTimeOffset GrantedAt,
    DateTimeOffset IssueUntil,
    DateTimeOffset TokensExpireBy)
{
    /// <summary>What this lease may still be charged: the worst case the budget has to keep free for it.</summary>
    public decimal Unspent() => Amount - Spent;
}

/// <summary>
/// What an instance tells a campaign's delivery document at a refresh: the leases it has stopped issuing from, and the size of the new
/// lease it wants (0 for none).
/// </summary>
public sealed record LeaseSync(string CampaignId, string HolderId, IReadOnlyList<LeaseClosure> Closed, decimal Wanted);

/// <summary>A lease whose issuing window is over, with the total its tokens may cost: nothing beyond it can ever be charged to it.</summary>
public sealed record LeaseClosure(string LeaseId, decimal Reserved);

/// <summary>Budget set aside in memory for one impression: its maximum cost, drawn from a lease, and when its token must expire.</summary>
public sealed record LeaseReservation(string CampaignId, string LeaseId, decimal Amount, DateTimeOffset TokenExpiresAt);
