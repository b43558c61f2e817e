namespace LiveServerless.Evaluation;

/// <summary>Seeded randomness with the few distributions the generator needs; one instance drawn in a fixed order = a reproducible world.</summary>
public sealed class Rng(int seed)
{
#pragma warning disable CA5394 // Synthetic data, not security: a seeded, reproducible generator is the point.
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Between(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);
#pragma warning restore CA5394

    public bool Chance(double probability) => Uniform() < probability;

    public double Normal(double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform()));

    /// <summary>Gumbel noise: adding it to utilities and taking the maximum samples from the softmax (logit choice).</summary>
    public double Gumbel() => -Math.Log(-Math.Log(1 - Uniform() + 1e-12) + 1e-300);

    public T Pick<T>(IReadOnlyList<T> items) => items[Between(0, items.Count)];

    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var target = Uniform() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public T[] Sample<T>(IReadOnlyList<T> items, int count) => [.. items.OrderBy(_ => Uniform()).Take(count)];
}
