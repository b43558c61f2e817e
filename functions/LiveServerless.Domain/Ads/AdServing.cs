namespace LiveServerless.Domain.Ads;

/// <summary>
/// The decision endpoint's pure core, in the order that keeps both invariants: reserve budget in memory, reserve the viewer's frequency
/// unit in the ledger, sign. The caller stores <see cref="AdPlacement.Ledger"/> with If-Match before returning the token; if that write
/// loses a race it gives the budget back with <see cref="LeaseWallet.Release"/> and serves again from the fresh ledger.
/// </summary>
public static class AdServing
{
    public static AdPlacement? Serve(
        AdRequest request,
        CampaignIndex index,
        LeaseWallet wallet,
        UserAdLedger ledger,
        string impressionId,
        byte[] tokenKey,
        DateTimeOffset settledUntil,
        DateTimeOffset now)
    {
        var settled = ledger.Settle(settledUntil);
        var servedToday = settled.ServedOn(PacingSlot.DayOf(now));
        var decision = AdDecider.Decide(request, index, servedToday, wallet, impressionId, now);
        if (decision is null)
        {
            return null;
        }

        var reserved = settled.Reserve(decision);
        if (reserved is null)
        {
            wallet.Release(decision.Reservation);
            return null;
        }

        return new AdPlacement(decision, reserved, decision.Token(request).Sign(tokenKey));
    }
}

/// <summary>A served ad: the decision, the viewer's ledger to store before answering, and the impression token to answer with.</summary>
public sealed record AdPlacement(AdDecision Decision, UserAdLedger Ledger, string ImpressionToken);
