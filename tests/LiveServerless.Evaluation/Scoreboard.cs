namespace LiveServerless.Evaluation;

/// <summary>HR@10 and NDCG@10 per method, overall and for three kinds of choice: a host seen before, a new host, a user's first session.</summary>
public sealed class Scoreboard
{
    public const int K = 10;

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Records where <paramref name="choice"/>'s room came in <paramref name="ranked"/> (top K only).</summary>
    public void Record(string method, Choice choice, IEnumerable<string> ranked)
    {
        if (!_tallies.TryGetValue(method, out var tally))
        {
            _tallies[method] = tally = new Tally();
            _order.Add(method);
        }

        var position = ranked.Take(K).TakeWhile(id => !string.Equals(id, choice.Room.Id, StringComparison.Ordinal)).Count();
        var gain = position < K ? 1 / Math.Log2(position + 2) : 0;
        tally.All.Add(gain);
        (choice.RepeatHost ? tally.Repeat : tally.Discovery).Add(gain);
        if (choice.FirstSession)
        {
            tally.FirstSession.Add(gain);
        }
    }

    public IEnumerable<(string Method, Tally Tally)> Rows => _order.Select(m => (m, _tallies[m]));

    public sealed class Tally
    {
        public Metric All { get; } = new();

        public Metric Repeat { get; } = new();

        public Metric Discovery { get; } = new();

        public Metric FirstSession { get; } = new();
    }

    public sealed class Metric
    {
        public int Count { get; private set; }

        public int Hits { get; private set; }

        public double GainSum { get; private set; }

        public double HitRate => Count == 0 ? 0 : (double)Hits / Count;

        public double Ndcg => Count == 0 ? 0 : GainSum / Count;

        public void Add(double gain)
        {
            Count++;
            Hits += gain > 0 ? 1 : 0;
            GainSum += gain;
        }
    }
}
