using System.Globalization;

namespace LiveServerless.Evaluation;

/// <summary>The run's parameters: everything that determines the data set, so seed + sizes reproduce a run exactly.</summary>
public sealed record EvaluationSettings(int Seed, int Users, int Hosts, int Days, int TestDays, int Partitions)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/LiveServerless.Evaluation -- [--seed 42] [--users 2000] [--hosts users/4] [--days 14] [--test-days 4]";

    public static EvaluationSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal)
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"Cannot read '{string.Join(' ', args.Skip(i).Take(2))}'.");
            }

            values[args[i][2..]] = value;
        }

        var users = Take(values, "users", 2000);
        var settings = new EvaluationSettings(
            Take(values, "seed", 42), users, Take(values, "hosts", Math.Max(10, users / 4)), Take(values, "days", 14), Take(values, "test-days", 4), Partitions: 4);
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        return settings.TestDays < settings.Days ? settings : throw new ArgumentException("--test-days must be smaller than --days.");
    }

    private static int Take(Dictionary<string, int> values, string name, int fallback) =>
        values.Remove(name, out var value) ? value : fallback;
}
