using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Interactions;

namespace LiveServerless.Benchmarks;

/// <summary>
/// What the strict request dialect costs: a 500-event ingest body read with <see cref="ApiJson"/> (unknown fields, duplicates and
/// numbers-in-strings refused; strict enums) against System.Text.Json's lenient web defaults.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = Enumerable.Range(0, 500).Select(i => i % 3 == 0
            ? "{\"type\":\"gift\",\"giftId\":\"rose\",\"count\":2,\"value\":1.5}"
            : "{\"type\":\"like\",\"count\":" + (i % 50 + 1) + "}");
        _body = Encoding.UTF8.GetBytes("{\"events\":[" + string.Join(",", events) + "]}");
    }

    [Benchmark(Baseline = true, Description = "strict ApiJson (ours)")]
    public IngestRequest? Strict() => JsonSerializer.Deserialize<IngestRequest>(_body, ApiJson.Options);

    [Benchmark(Description = "lenient web defaults (peer)")]
    public IngestRequest? LenientDefaults() => JsonSerializer.Deserialize<IngestRequest>(_body, Lenient);
}
