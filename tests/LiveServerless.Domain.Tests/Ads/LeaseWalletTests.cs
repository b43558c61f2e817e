using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class LeaseWalletTests
{
    private static readonly AdPolicy Policy = AdPolicy.Default;

    private static BudgetLease Lease(string id, decimal amount, DateTimeOffset? issueUntil = null) =>
        new(id, "c1", "i1", PacingSlot.DayOf(Now), amount, 0m, Now, issueUntil ?? Now.AddMinutes(1), (issueUntil ?? Now.AddMinutes(1)) + Policy.TokenLifetime);

    [Fact]
    public void TryReserve_SpendsLeasesDown_NeverBeyondTheirAmount()
    {
        var wallet = new LeaseWallet("i1", Policy);
        wallet.Install(Lease("L1", 1m));
        wallet.Install(Lease("L2", 0.5m));

        var reservations = Enumerable.Range(0, 5).Select(_ => wallet.TryReserve("c1", 0.4m, Now)).ToArray();

        Assert.Equal(["L1", "L1", "L2", null, null], reservations.Select(r => r?.LeaseId));
    }

    [Fact]
    public void TryReserve_AfterTheIssuingWindow_Fails() =>
        Assert.Null(WalletWith(Lease("L1", 1m)).TryReserve("c1", 0.1m, Now.AddMinutes(1)));

    [Fact]
    public void TryReserve_TokenExpiryNeverOutlivesTheLease()
    {
        var granted = Lease("L1", 1m) with { TokensExpireBy = Now.AddMinutes(5) };

        Assert.Equal(Now + Policy.TokenLifetime, WalletWith(Lease("L1", 1m)).TryReserve("c1", 0.1m, Now)?.TokenExpiresAt);
        Assert.Equal(granted.TokensExpireBy, WalletWith(granted).TryReserve("c1", 0.1m, Now)?.TokenExpiresAt);
    }

    [Fact]
    public void Release_MakesTheAmountAvailableAgain()
    {
        var wallet = WalletWith(Lease("L1", 1m));
        var reservation = wallet.TryReserve("c1", 1m, Now)!;

        Assert.False(wallet.CanCover("c1", 0.1m, Now));
        wallet.Release(reservation);
        Assert.True(wallet.CanCover("c1", 1m, Now));
    }

    [Fact]
    public void Install_SameLeaseTwice_CountsItOnce()
    {
        var wallet = WalletWith(Lease("L1", 1m), Lease("L1", 1m));

        Assert.False(wallet.CanCover("c1", 1.5m, Now));
    }

    [Fact]
    public void Sync_AsksForTheMinimum_ThenForMoreWhenBusy()
    {
        var campaign = TestCampaign(bid: 5m);
        var wallet = new LeaseWallet("i1", Policy);

        var first = Assert.Single(wallet.Sync([Serving(campaign)], Now));
        Assert.Equal(0.005m * Policy.MinLeaseImpressions, first.Wanted);

        wallet.Install(Lease("L1", first.Wanted));
        Assert.Empty(wallet.Sync([Serving(campaign)], Now));
        for (var i = 0; i < Policy.MinLeaseImpressions; i++)
        {
            wallet.TryReserve("c1", 0.005m, Now.AddSeconds(10));
        }

        var busy = Assert.Single(wallet.Sync([Serving(campaign)], Now.AddSeconds(20)));
        Assert.True(busy.Wanted > first.Wanted);
    }

    [Fact]
    public void Sync_ClosesLeasesPastTheirWindow_WithWhatWasReserved_Once()
    {
        var wallet = WalletWith(Lease("L1", 1m));
        wallet.TryReserve("c1", 0.3m, Now);

        var sync = Assert.Single(wallet.Sync([], Now.AddMinutes(1)));

        Assert.Equal([new LeaseClosure("L1", 0.3m)], sync.Closed);
        Assert.Equal(0m, sync.Wanted);
        Assert.Empty(wallet.Sync([], Now.AddMinutes(2)));
    }

    [Fact]
    public void Sync_AsksNothingForCampaignsThatCannotServe()
    {
        var wallet = new LeaseWallet("i1", Policy);
        var campaign = TestCampaign();

        Assert.Empty(wallet.Sync([Serving(campaign.Pause(Now))], Now));
        Assert.Empty(wallet.Sync([new ServingCampaign(campaign, default, 1, availableBudget: 0m)], Now));
        Assert.Empty(wallet.Sync([Serving(campaign)], Now.AddDays(5)));
    }

    [Fact]
    public void Sync_DropsCampaignsThatHoldNoLeaseAndAskForNone()
    {
        var wallet = WalletWith(Lease("L1", 1m));
        var paused = TestCampaign().Pause(Now);

        wallet.Sync([], Now.AddMinutes(1));
        wallet.Sync([Serving(paused)], Now.AddMinutes(2));

        Assert.Equal(0, wallet.AccountCount);
    }

    [Fact]
    public void Sync_KeepsCampaignsThatStillHoldALease()
    {
        var wallet = WalletWith(Lease("L1", 1m));

        wallet.Sync([], Now);

        Assert.Equal(1, wallet.AccountCount);
        Assert.True(wallet.CanCover("c1", 1m, Now));
    }

    [Fact]
    public void Install_AfterTheCampaignWasDropped_ServesAgain()
    {
        var wallet = WalletWith(Lease("L1", 1m));
        wallet.Sync([], Now.AddMinutes(1));

        wallet.Install(Lease("L2", 1m, issueUntil: Now.AddMinutes(3)));

        Assert.True(wallet.CanCover("c1", 1m, Now.AddMinutes(2)));
    }

    [Fact]
    public async Task TryReserve_UnderConcurrency_NeverOverReserves()
    {
        var wallet = WalletWith(Lease("L1", 10m));

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 1_000).Count(_ => wallet.TryReserve("c1", 0.01m, Now) is not null))));

        Assert.Equal(1_000, counts.Sum());
    }

    private static LeaseWallet WalletWith(params BudgetLease[] leases)
    {
        var wallet = new LeaseWallet("i1", Policy);
        foreach (var lease in leases)
        {
            wallet.Install(lease);
        }

        return wallet;
    }
}
