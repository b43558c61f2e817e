using System.Diagnostics.Metrics;

namespace LiveServerless.Functions.Economy;

/// <summary>
/// Counters of the money path: coins spent on gifts, gifts refused for want of coins, gifts queued because the stream could not take
/// them at once, and gifts the outbox relay had to deliver (each of the last two means Event Hubs or the app failed in between).
/// </summary>
public sealed class EconomyMetrics
{
    private readonly Counter<long> _coinsSpent;

    private readonly Counter<long> _refused;

    private readonly Counter<long> _queued;

    private readonly Counter<long> _relayed;

    public EconomyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _coinsSpent = meter.CreateCounter<long>("liveserverless.economy.coins_spent", unit: "{coin}", description: "Coins debited for gifts");
        _refused = meter.CreateCounter<long>("liveserverless.economy.gifts_refused", description: "Gift requests refused for an insufficient balance");
        _queued = meter.CreateCounter<long>("liveserverless.economy.gifts_queued", description: "Paid gift events left for the outbox relay");
        _relayed = meter.CreateCounter<long>("liveserverless.economy.gifts_relayed", description: "Paid gift events the outbox relay published");
    }

    public void Spent(long coins) => _coinsSpent.Add(coins);

    public void Refused() => _refused.Add(1);

    public void Queued(int gifts) => _queued.Add(gifts);

    public void Relayed() => _relayed.Add(1);
}
