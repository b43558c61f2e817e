using System.Text.Json;

namespace LiveServerless.Infra.Tests.Infrastructure;

/// <summary>An ARM template compiled by <c>bicep build</c>: main.bicep, or a module's nested template inside it.</summary>
public sealed class CompiledTemplate(string name, JsonElement json)
{
    public string Name { get; } = name;

    public JsonElement Json { get; } = json;

    public IReadOnlyDictionary<string, JsonElement> Parameters => Section("parameters");

    public IReadOnlyDictionary<string, JsonElement> Outputs => Section("outputs");

    /// <summary>Resources of the template; languageVersion 2.0 keys them by symbolic name, 1.0 lists them.</summary>
    public IEnumerable<JsonElement> Resources => Json.At("resources") switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value),
        _ => [],
    };

    /// <summary>The modules (nested deployments) of this template, named by their deployment name.</summary>
    public IEnumerable<CompiledTemplate> Modules =>
        Resources
            .Where(r => r.StringAt("type") == "Microsoft.Resources/deployments" && r.At("properties.template") is not null)
            .Select(r => new CompiledTemplate(r.StringAt("name") ?? "?", r.At("properties.template")!.Value));

    public IEnumerable<CompiledTemplate> SelfAndDescendants => [this, .. Modules.SelectMany(m => m.SelfAndDescendants)];

    public bool IsSecure(string parameterName) =>
        Parameters.TryGetValue(parameterName, out var parameter)
        && parameter.StringAt("type") is { } type
        && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name;

    private Dictionary<string, JsonElement> Section(string section) =>
        Json.At(section) is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase)
            : [];
}
