using System.Text.Json;
using LiveServerless.DevHost.Worker.Protocol;

namespace LiveServerless.DevHost.Worker;

/// <summary>What starts a function: an HTTP request on a route, or a timer schedule. Read from the worker's metadata.</summary>
public abstract record FunctionTrigger(string BindingName);

/// <summary>An HTTP trigger: route template (without host.json's prefix), methods in upper case, and the authorization level.</summary>
public sealed record HttpTrigger(string BindingName, string Route, IReadOnlyList<string> Methods, string AuthLevel) : FunctionTrigger(BindingName)
{
    public bool IsAnonymous => string.Equals(AuthLevel, "anonymous", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A timer trigger with its NCRONTAB schedule (six fields, seconds first).</summary>
public sealed record TimerTrigger(string BindingName, string Schedule) : FunctionTrigger(BindingName);

/// <summary>
/// One function as the worker declared it in its metadata response: the worker's own id for it, its name, its trigger, and the
/// metadata itself (sent back unchanged in the load request, as the Functions host does).
/// </summary>
public sealed record WorkerFunction(string Id, string Name, FunctionTrigger Trigger, RpcFunctionMetadata Metadata)
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static WorkerFunction FromMetadata(RpcFunctionMetadata metadata)
    {
        var bindings = metadata.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement.Clone()).ToArray();
        var trigger = bindings.FirstOrDefault(b => String(b, "type")?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true);
        var type = trigger.ValueKind == JsonValueKind.Object ? String(trigger, "type") : null;
        var name = String(trigger, "name") ?? "";
        FunctionTrigger parsed = type?.ToUpperInvariant() switch
        {
            "HTTPTRIGGER" => new HttpTrigger(
                name,
                String(trigger, "route") ?? metadata.Name,
                trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                    ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
                    : AllMethods,
                String(trigger, "authLevel") ?? "function"),
            "TIMERTRIGGER" => new TimerTrigger(name, String(trigger, "schedule")
                ?? throw new InvalidOperationException($"Timer function '{metadata.Name}' declares no schedule.")),
            _ => throw new NotSupportedException($"Function '{metadata.Name}' has a trigger DevHost does not run ({type ?? "none"}); add support in {nameof(WorkerFunction)}."),
        };
        return new WorkerFunction(metadata.FunctionId, metadata.Name, parsed, metadata);
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && TryGetPropertyIgnoringCase(element, property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool TryGetPropertyIgnoringCase(JsonElement element, string property, out JsonElement value)
    {
        foreach (var candidate in element.EnumerateObject())
        {
            if (string.Equals(candidate.Name, property, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
