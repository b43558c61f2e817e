using System.Collections.Concurrent;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// The budget leases one app instance holds, spent down in memory by the decisions it serves: reserve-then-commit without a
/// database write per decision. Safe for concurrent decisions; one lock per campaign, held for a few comparisons.
/// A lease is single-use: reservations flow back into it only through <see cref="Release"/>, when no token was issued, because only
/// the delivery document learns which issued tokens end up charged.
/// </summary>
public sealed class LeaseWallet(string holderId, AdPolicy policy)
{
    private readonly ConcurrentDictionary<string, CampaignLeases> _campaigns = new(StringComparer.Ordinal);

    public string HolderId { get; } = holderId;

    /// <summary>
    /// How many campaigns the wallet keeps an account for: those holding leases or able to serve at the last <see cref="Sync"/>,
    /// not every campaign the process has ever served.
    /// </summary>
    public int AccountCount => _campaigns.Count;

    /// <summary>Adds a lease granted by <see cref="CampaignDelivery.GrantLease"/> to the campaign's account.</summary>
    public void Install(BudgetLease lease)
    {
        while (!Account(lease.CampaignId).TryInstall(lease))
        {
            // The account was retired by a concurrent Sync and is out of the wallet: the next Account call makes a fresh one.
        }
    }

    public bool CanCover(string campaignId, decimal amount, DateTimeOffset now) =>
        _campaigns.TryGetValue(campaignId, out var leases) && leases.CanCover(amount, now);

    /// <summary>Sets aside <paramref name="amount"/> from a live lease, or returns null when no lease can cover it.</summary>
    public LeaseReservation? TryReserve(string campaignId, decimal amount, DateTimeOffset now) =>
        _campaigns.TryGetValue(campaignId, out var leases) ? leases.TryReserve(amount, now, policy.TokenLifetime) : null;

    /// <summary>Gives back a reservation whose token was never issued (for example, the viewer's ledger write lost a race).</summary>
    public void Release(LeaseReservation reservation)
    {
        if (_campaigns.TryGetValue(reservation.CampaignId, out var leases))
        {
            leases.Release(reservation);
        }
    }

    /// <summary>
    /// What to tell the delivery documents at a refresh (one <see cref="CampaignDelivery.Sync"/> per item): every lease whose issuing
    /// window has passed, closed with what was reserved from it (taken out of the wallet: report each once), and, for each serving
    /// campaign whose usable headroom (leases live for at least half a window more) is below half of what it is expected to need, a new
    /// lease of twice the reservations of the last window, never below <see cref="AdPolicy.MinLeaseImpressions"/> impressions. Campaigns
    /// the refresh saw without available budget ask for nothing. A campaign left with no lease that asks for nothing is dropped from
    /// the wallet (a paused, ended or deleted campaign), so one wallet per process does not grow with every campaign ever served.
    /// </summary>
    public IReadOnlyList<LeaseSync> Sync(IEnumerable<ServingCampaign> campaigns, DateTimeOffset now)
    {
        var serving = campaigns.ToDictionary(c => c.Campaign.Id, StringComparer.Ordinal);
        var syncs = new List<LeaseSync>();
        foreach (var campaignId in _campaigns.Keys.Union(serving.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var leases = Account(campaignId);
            var closed = leases.Close(now);
            var wanted = serving.TryGetValue(campaignId, out var campaign) ? Wanted(campaign, leases, now) : 0m;
            if (closed.Count > 0 || wanted > 0)
            {
                syncs.Add(new LeaseSync(campaignId, HolderId, closed, wanted));
            }

            if (wanted == 0)
            {
                leases.RetireIfEmpty(() => _campaigns.TryRemove(new KeyValuePair<string, CampaignLeases>(campaignId, leases)));
            }
        }

        return syncs;
    }

    private decimal Wanted(ServingCampaign serving, CampaignLeases leases, DateTimeOffset now)
    {
        var campaign = serving.Campaign;
        if (campaign.Status != CampaignStatus.Active || !campaign.IsInFlight(now) || serving.AvailableBudget < serving.MaxCost)
        {
            return 0m;
        }

        var wanted = Math.Max(serving.MaxCost * policy.MinLeaseImpressions, 2 * leases.DemandPer(policy.LeaseWindow, now));
        return leases.Headroom(now + (policy.LeaseWindow / 2)) < wanted / 2 ? wanted : 0m;
    }

    private CampaignLeases Account(string campaignId) => _campaigns.GetOrAdd(campaignId, _ => new CampaignLeases());

    private sealed class CampaignLeases
    {
        private readonly Lock _lock = new();
        private readonly List<Slice> _slices = [];
        private decimal _reservedTotal;
        private decimal _measuredTotal;
        private decimal _demand;
        private DateTimeOffset? _measuredAt;
        private bool _retired;

        /// <summary>False when the account was retired: the lease belongs in the campaign's new account.</summary>
        public bool TryInstall(BudgetLease lease)
        {
            lock (_lock)
            {
                if (_retired)
                {
                    return false;
                }

                if (_slices.TrueForAll(s => s.Lease.Id != lease.Id))
                {
                    _slices.Add(new Slice(lease));
                }

                return true;
            }
        }

        /// <summary>Takes an account without leases out of the wallet, under the lock so no lease can be installed into it meanwhile.</summary>
        public void RetireIfEmpty(Action removeFromWallet)
        {
            lock (_lock)
            {
                if (_slices.Count == 0)
                {
                    _retired = true;
                    removeFromWallet();
                }
            }
        }

        /// <summary>Unreserved amount of the leases that can still issue tokens at <paramref name="usableUntil"/>.</summary>
        public decimal Headroom(DateTimeOffset usableUntil)
        {
            lock (_lock)
            {
                return _slices.Where(s => s.Lease.IssueUntil > usableUntil).Sum(s => s.Lease.Amount - s.Reserved);
            }
        }

        /// <summary>Takes out the leases past their issuing window, with what was reserved from each.</summary>
        public List<LeaseClosure> Close(DateTimeOffset now)
        {
            lock (_lock)
            {
                var over = _slices.Where(s => s.Lease.IssueUntil <= now).ToList();
                _slices.RemoveAll(over.Contains);
                return over.ConvertAll(s => new LeaseClosure(s.Lease.Id, s.Reserved));
            }
        }

        public bool CanCover(decimal amount, DateTimeOffset now)
        {
            lock (_lock)
            {
                return FirstCovering(amount, now) is not null;
            }
        }

        /// <summary>
        /// Reservations per <paramref name="window"/>, measured between successive calls and averaged with the previous measure so
        /// one quiet or busy interval does not swing lease sizes.
        /// </summary>
        public decimal DemandPer(TimeSpan window, DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_measuredAt is { } since && now > since)
                {
                    var measured = (_reservedTotal - _measuredTotal) * (decimal)(window / (now - since));
                    _demand = (_demand + measured) / 2;
                }

                _measuredAt = now;
                _measuredTotal = _reservedTotal;
                return _demand;
            }
        }

        public LeaseReservation? TryReserve(decimal amount, DateTimeOffset now, TimeSpan tokenLifetime)
        {
            lock (_lock)
            {
                var slice = FirstCovering(amount, now);
                if (slice is null)
                {
                    return null;
                }

                slice.Reserved += amount;
                _reservedTotal += amount;
                var expiresAt = Min(now + tokenLifetime, slice.Lease.TokensExpireBy);
                return new LeaseReservation(slice.Lease.CampaignId, slice.Lease.Id, amount, expiresAt);
            }
        }

        public void Release(LeaseReservation reservation)
        {
            lock (_lock)
            {
                var slice = _slices.Find(s => s.Lease.Id == reservation.LeaseId);
                if (slice is not null)
                {
                    slice.Reserved -= reservation.Amount;
                }
            }
        }

        /// <summary>A loop rather than a query: it runs under the lock for every would-be winner of every decision.</summary>
        private Slice? FirstCovering(decimal amount, DateTimeOffset now)
        {
            foreach (var slice in _slices)
            {
                if (slice.Lease.IssueUntil > now && slice.Lease.Amount - slice.Reserved >= amount)
                {
                    return slice;
                }
            }

            return null;
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private sealed class Slice(BudgetLease lease)
        {
            public BudgetLease Lease { get; } = lease;

            public decimal Reserved { get; set; }
        }
    }
}
