using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Ads;

/// <summary>What a decision reads, swapped in whole at each refresh: the campaign index and the stream's settled-until time.</summary>
public sealed record ServingSnapshot(CampaignIndex Index, DateTimeOffset SettledUntil)
{
    public static ServingSnapshot Initial { get; } = new(CampaignIndex.Empty, DateTimeOffset.MinValue);
}

/// <summary>
/// The in-memory serving state of this instance: one lease wallet for the process lifetime (its holder id is unique to the process),
/// and the latest snapshot. A decision reads only this — no storage round trip for campaigns or budgets.
/// </summary>
public sealed class AdServingState(AdPolicy policy)
{
    private ServingSnapshot _snapshot = ServingSnapshot.Initial;

    public LeaseWallet Wallet { get; } = new($"instance-{Ids.New()}", policy);

    public AdPolicy Policy => policy;

    public ServingSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public void Publish(ServingSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);
}
