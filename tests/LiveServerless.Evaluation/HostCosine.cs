namespace LiveServerless.Evaluation;

/// <summary>
/// The item-kNN baseline's model: host–host cosine similarity over users' watch vectors (log(1 + minutes) per host), computed once
/// from the training interactions. A host is fully similar to itself, so item-kNN also rewards repeat viewing.
/// </summary>
public sealed class HostCosine
{
    private readonly Dictionary<(string, string), double> _similarity = [];

    public HostCosine(IEnumerable<IReadOnlyDictionary<string, double>> users)
    {
        var dot = new Dictionary<(string, string), double>();
        var norm = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var vector = user.Select(h => (Host: h.Key, Value: Weight(h.Value))).ToArray();
            foreach (var (host, value) in vector)
            {
                norm[host] = norm.GetValueOrDefault(host) + (value * value);
                foreach (var (other, otherValue) in vector)
                {
                    if (string.CompareOrdinal(host, other) < 0)
                    {
                        dot[(host, other)] = dot.GetValueOrDefault((host, other)) + (value * otherValue);
                    }
                }
            }
        }

        foreach (var ((a, b), product) in dot)
        {
            _similarity[(a, b)] = product / Math.Sqrt(norm[a] * norm[b]);
        }
    }

    /// <summary>Σ over the user's hosts h of weight(h) · cos(h, candidate).</summary>
    public double Score(IReadOnlyDictionary<string, double> userHosts, string candidateHost) =>
        userHosts.Sum(h => Weight(h.Value) * Similarity(h.Key, candidateHost));

    private double Similarity(string a, string b) => string.CompareOrdinal(a, b) switch
    {
        0 => 1,
        < 0 => _similarity.GetValueOrDefault((a, b)),
        _ => _similarity.GetValueOrDefault((b, a)),
    };

    private static double Weight(double seconds) => Math.Log(1 + (seconds / 60));
}
