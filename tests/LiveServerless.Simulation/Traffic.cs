using LiveServerless.Domain.Ads;

namespace LiveServerless.Simulation;

/// <summary>One ad request: when, who, where.</summary>
internal sealed record SimRequest(DateTimeOffset At, SimUser User, SimRoom Room);

/// <summary>
/// The simulated day's real traffic. Plans assume the default traffic curve; the day deviates from it the way real days do: ±10% noise
/// per slot, an unplanned event that nearly doubles traffic from 14:00 to 16:00, and an evening peak a quarter weaker than usual.
/// The same seed yields the same requests for every strategy, so strategies are compared on identical days.
/// </summary>
internal static class Traffic
{
    public static double Surprise(int slot) => slot switch
    {
        >= 56 and < 64 => 1.8,
        >= 80 and < 88 => 0.75,
        _ => 1,
    };

    public static IReadOnlyList<SimRequest> Generate(World world, int expectedRequests, int seed)
    {
        var random = new Random(seed);
        var requests = new List<SimRequest>(expectedRequests * 11 / 10);
        for (var slot = 0; slot < PacingSlot.PerDay; slot++)
        {
            var perSlot = expectedRequests * TrafficCurve.Default.Weights[slot] * Surprise(slot) * Math.Exp(0.1 * World.Gaussian(random));
            var perSecond = perSlot / PacingSlot.Length.TotalSeconds;
            for (var second = 0; second < PacingSlot.Length.TotalSeconds; second++)
            {
                var at = world.Day + (slot * PacingSlot.Length) + TimeSpan.FromSeconds(second);
                for (var n = Poisson(perSecond, random); n > 0; n--)
                {
                    requests.Add(new SimRequest(at, world.PickUser(random), world.PickRoom(random)));
                }
            }
        }

        return requests;
    }

    /// <summary>Knuth's method: fine for the handful of requests per second simulated here.</summary>
    private static int Poisson(double mean, Random random)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }
}
