using System.Globalization;
using System.Text;
using LiveServerless.Domain.Ads;

namespace LiveServerless.Simulation;

/// <summary>The simulation's markdown output: setup, one row per strategy, then per-campaign detail.</summary>
internal static class SimulationReport
{
    public static string Render(SimulationOptions options, World world, int requests, IReadOnlyDictionary<string, double> uniform, StrategyResult[] results)
    {
        var text = new StringBuilder();
        Line(text, $"# Ad pacing simulation (seed {options.Seed})");
        Line(text);
        Line(text, $"Day {world.Day:yyyy-MM-dd} UTC, {PacingSlot.PerDay} slots of {PacingSlot.Length.TotalMinutes} min; {world.Users.Count:N0} viewers, {world.Rooms.Count} rooms, " +
            $"{world.Campaigns.Count} campaigns, {requests:N0} ad requests; 2 serving instances, 4 stream partitions.");
        Line(text);
        Line(text, "| strategy | spend RMSE per slot | RMSE / mean planned slot | budget used | overspend count | frequency-cap breaches | clicks per unit spend | impressions | clicks | spend |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Line(text, $"| {r.Name} | {r.MeanRmse:F3} | {r.MeanRelativeRmse:P0} | {r.BudgetUsed:P1} | {r.BudgetViolations} | {r.FrequencyViolations} | " +
                $"{r.ClicksPerUnitSpend:F2} | {r.Impressions:N0} | {r.Clicks:N0} | {r.Spend:F2} |");
        }

        Line(text);
        Line(text, "Cumulative spend of all campaigns against the plan:");
        Line(text);
        Line(text, "| by | plan | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        Line(text, "| --- | ---: | " + string.Join(" | ", results.Select(_ => "---:")) + " |");
        foreach (var hour in new[] { 6, 12, 15, 18, 21, 24 })
        {
            var slot = hour * PacingSlot.PerDay / 24;
            var plan = results[0].Campaigns.Sum(c => c.Planned.Take(slot).Sum());
            Line(text, $"| {hour:00}:00 | {plan:F2} | " + string.Join(" | ", results.Select(r => r.CumulativeSpendBy(slot).ToString("F2", CultureInfo.InvariantCulture))) + " |");
        }

        Line(text);
        Line(text, "Per campaign (target = the day's planned spend; uniform = that baseline's constant throttle):");
        Line(text);
        Line(text, "| campaign | bid | target | " + string.Join(" | ", results.Select(r => $"{r.Name}: used / RMSE / last spend")) + " | uniform |");
        Line(text, "| --- | --- | ---: | " + string.Join(" | ", results.Select(_ => "---")) + " | ---: |");
        foreach (var simulated in world.Campaigns)
        {
            var campaign = simulated.Campaign;
            var cells = results.Select(r => r.Campaigns.Single(c => c.Id == campaign.Id)).Select(c => $"{c.BudgetUsed:P0} / {c.RelativeRmse:P0} / {c.LastSpend}");
            Line(text, $"| {campaign.Id} | {campaign.BidType.ToString().ToUpperInvariant()} {campaign.Bid} | {results[0].Campaigns.Single(c => c.Id == campaign.Id).Target:F2} | " +
                string.Join(" | ", cells) + $" | {uniform[campaign.Id]:F3} |");
        }

        Line(text);
        foreach (var r in results)
        {
            Line(text, $"- {r.Name}: counts equal what viewers did: {(r.CountsExact ? "yes" : "NO")}; unbilled {r.Unbilled:F2}; " +
                $"tokens refused at ingest {r.TokensRejected}; tracking crashes replayed {r.Crashes}.");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
