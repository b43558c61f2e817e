using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Recommendations;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Recommendations;

/// <summary>Random streams, deliveries and live sets for the property tests: small id pools so collisions and repeats are common.</summary>
internal static class Generators
{
    public static readonly string[] Hosts = ["h0", "h1", "h2", "h3", "h4", "h5"];

    private static readonly string[] TagPool = ["jazz", "piano", "rock", "fps", "chess", "cooking", "talk"];

    private static readonly string?[] Categories = ["music", "gaming", "lifestyle", null];

    public static Gen<Interaction> Interaction() =>
        from type in Gen.Elements(Enum.GetValues<InteractionType>())
        from host in Gen.Elements(Hosts)
        from room in Gen.Choose(0, 2)
        from category in Gen.Elements(Categories)
        from tags in Gen.SubListOf(TagPool)
        from minutes in Gen.Choose(0, 30_000)
        from seconds in Gen.Choose(0, 900)
        from count in Gen.Choose(1, 20)
        from value in Gen.Choose(0, 500)
        select Event(type, T0.AddMinutes(minutes), $"r-{host}-{room}", host, category, [.. tags], count, value / 10m, seconds);

    /// <summary>How an at-least-once stream delivers: batches that may rewind (redelivery after a failure) and repeat events.</summary>
    public static Gen<DeliveryPlan> DeliveryPlan() =>
        Gen.ListOf(
            from rewind in Gen.Choose(0, 6)
            from length in Gen.Choose(1, 8)
            from duplicate in Gen.Elements(false, false, true)
            from failingHostDocuments in Gen.SubListOf(Hosts)
            select new DeliveryStep(rewind, length, duplicate, [.. failingHostDocuments]))
        .Select(steps => new DeliveryPlan([.. steps]));

    public static Gen<LiveRoomCandidate> Candidate() =>
        from id in Gen.Choose(0, 14)
        from host in Gen.Elements(Hosts)
        from category in Gen.Elements(Categories)
        from tags in Gen.SubListOf(TagPool)
        from heat in Gen.Choose(0, 1_000)
        from minutesAgo in Gen.Choose(0, 300)
        from viewers in Gen.Elements<int?>(null, 0, 12, 3_400)
        select TestStream.Candidate($"r{id}", host, category, [.. tags], heat / 10.0, T0.AddMinutes(-minutesAgo), viewers);
}

/// <summary>One delivery: go back <see cref="Rewind"/> events, deliver <see cref="Length"/>, maybe twice in a row; the listed host documents fail to save.</summary>
internal sealed record DeliveryStep(int Rewind, int Length, bool Duplicate, string[] FailingHostDocuments);

internal sealed record DeliveryPlan(DeliveryStep[] Steps)
{
    /// <summary>The batches this plan delivers from <paramref name="stream"/>; whatever the plan leaves over is delivered last.</summary>
    public IEnumerable<(IReadOnlyList<StreamedInteraction> Batch, string[] FailingHostDocuments)> Deliver(IReadOnlyList<StreamedInteraction> stream)
    {
        var position = 0;
        foreach (var step in Steps.TakeWhile(_ => position < stream.Count))
        {
            var start = Math.Max(0, position - step.Rewind);
            var end = Math.Min(stream.Count, position + step.Length);
            var batch = stream.Skip(start).Take(end - start).ToArray();
            yield return (step.Duplicate ? [.. batch, .. batch] : batch, step.FailingHostDocuments);
            position = end;
        }

        if (position < stream.Count)
        {
            yield return (stream.Skip(position).ToArray(), []);
        }
    }
}
