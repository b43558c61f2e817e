using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveServerless.Infra.Tests.Infrastructure;

/// <summary>
/// What a deployment of main.bicep would send to Azure Resource Manager, as predicted offline by <c>bicep snapshot</c>:
/// modules, loops, conditions and parameters are evaluated; values known only at deployment time stay ARM expressions,
/// e.g. <c>[reference('/subscriptions/.../userAssignedIdentities/id-api-x', '2023-01-31').principalId]</c>.
/// </summary>
public sealed partial class PredictedDeployment
{
    public PredictedDeployment(string scenario, JsonElement snapshot)
    {
        Scenario = scenario;
        Resources = [.. snapshot.GetProperty("predictedResources").EnumerateArray().Select(r => new PredictedResource(r))];
        Outputs = snapshot.GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.Clone(), StringComparer.Ordinal);
        Diagnostics = [.. snapshot.GetProperty("diagnostics").EnumerateArray().Select(d => d.ToString())];
    }

    public string Scenario { get; }

    public IReadOnlyList<PredictedResource> Resources { get; }

    public IReadOnlyDictionary<string, JsonElement> Outputs { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    public IEnumerable<PredictedResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public PredictedResource Only(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"[{Scenario}] expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    public PredictedResource FunctionApp => Only("Microsoft.Web/sites");

    public PredictedResource Plan => Only("Microsoft.Web/serverfarms");

    public PredictedResource Identity => Only("Microsoft.ManagedIdentity/userAssignedIdentities");

    public PredictedResource StaticWebApp => Only("Microsoft.Web/staticSites");

    /// <summary>
    /// True when the value is the Static Web App's https origin, <c>https://</c> + its default host name, which Azure generates
    /// when the site is created: <c>[format('https://{0}', reference(&lt;site id&gt;, ...).defaultHostname)]</c>.
    /// </summary>
    public bool IsStaticWebAppOrigin(string? value) =>
        value is not null
        && StaticWebAppOriginPattern().Match(value) is { Success: true } match
        && string.Equals(match.Groups["id"].Value, StaticWebApp.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The function app's settings (Microsoft.Web/sites/config 'appsettings'), value as predicted (literal or ARM expression).</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var config = OfType("Microsoft.Web/sites/config").Single(c => c.Name.EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase));
            return config.Properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        }
    }

    /// <summary>True when the value is the app identity's principal id, i.e. reference(&lt;identity id&gt;).principalId.</summary>
    public bool IsAppIdentityPrincipalId(string? value) => IsAppIdentityProperty(value, "principalId");

    /// <summary>True when the value is a property of the app identity known at deployment time, e.g. reference(&lt;identity id&gt;).clientId.</summary>
    public bool IsAppIdentityProperty(string? value, string property) =>
        value is not null
        && ReferencePropertyPattern().Match(value) is { Success: true } match
        && string.Equals(match.Groups["id"].Value, Identity.Id, StringComparison.OrdinalIgnoreCase)
        && match.Groups["property"].Value == property;

    /// <summary>The resource ids that <c>[reference('id', ...).x]</c> expressions inside the value point at.</summary>
    public static IEnumerable<string> ReferencedResourceIds(string value) =>
        ReferenceAnywherePattern().Matches(value).Select(m => m.Groups["id"].Value);

    [GeneratedRegex(@"^\[reference\('(?<id>[^']+)', '[^']+'\)\.(?<property>\w+)\]$")]
    private static partial Regex ReferencePropertyPattern();

    [GeneratedRegex(@"reference\('(?<id>/subscriptions/[^']+)', '[^']+'\)")]
    private static partial Regex ReferenceAnywherePattern();

    [GeneratedRegex(@"^\[format\('https://\{0\}', reference\('(?<id>[^']+)', '[^']+'\)\.defaultHostname\)\]$")]
    private static partial Regex StaticWebAppOriginPattern();
}

public sealed partial class PredictedResource(JsonElement json)
{
    public JsonElement Json { get; } = json.Clone();

    public string Id => Json.GetProperty("id").GetString()!;

    public string Type => Json.GetProperty("type").GetString()!;

    public string Name => Json.GetProperty("name").GetString()!;

    public JsonElement Properties => Json.At("properties") ?? throw new InvalidOperationException($"{Type} {Name} has no properties.");

    /// <summary>For an extension resource (role assignment, diagnostic setting): the id of the resource it is attached to.</summary>
    public string Scope
    {
        get
        {
            var expression = ExtensionScopePattern().Match(Id);
            if (expression.Success)
            {
                return expression.Groups["scope"].Value;
            }

            var providers = Id.LastIndexOf("/providers/Microsoft.", StringComparison.OrdinalIgnoreCase);
            return providers > 0 ? Id[..providers] : Id;
        }
    }

    /// <summary>For a role assignment: the role definition GUID.</summary>
    public string RoleDefinitionGuid => Properties.StringAt("roleDefinitionId")?.Split('/')[^1] ?? "";

    public override string ToString() => $"{Type} {Name}";

    [GeneratedRegex(@"^\[extensionResourceId\('(?<scope>[^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex ExtensionScopePattern();
}
