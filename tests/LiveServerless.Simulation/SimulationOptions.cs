using System.Globalization;

namespace LiveServerless.Simulation;

/// <summary>Command line: <c>[--seed N] [--requests N] [--users N] [--bench [--campaigns N]]</c>.</summary>
internal sealed record SimulationOptions(int Seed, int Requests, int Users, bool Bench, int BenchCampaigns)
{
    public static SimulationOptions Parse(string[] args)
    {
        var options = new SimulationOptions(Seed: 7, Requests: 1_000_000, Users: 100_000, Bench: false, BenchCampaigns: 10_000);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--seed" => options with { Seed = Number(args, ++i) },
                "--requests" => options with { Requests = Number(args, ++i) },
                "--users" => options with { Users = Number(args, ++i) },
                "--campaigns" => options with { BenchCampaigns = Number(args, ++i) },
                "--bench" => options with { Bench = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--seed N] [--requests N] [--users N] [--bench [--campaigns N]]"),
            };
        }

        return options;
    }

    private static int Number(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{args[index - 1]}' needs a positive number.");
}
