using System.Reflection;
using System.Text.Json;
using LiveServerless.Functions.Configuration;

namespace LiveServerless.Infra.Tests.Infrastructure;

public sealed record AppSetting(string Name, SettingScope Scope, string DeclaredBy, Type PropertyType)
{
    public override string ToString() => $"{Name} ({Scope}, {DeclaredBy})";
}

/// <summary>
/// The settings the function app reads, found by reflection: every type marked [SettingsSection("Name")] in the Functions
/// assembly, and every public settable property of it, is the setting Name__Property. New options classes are picked up
/// without touching the tests.
/// </summary>
public static class AppSettingsContract
{
    public static IReadOnlyList<AppSetting> All { get; } = Discover();

    /// <summary>Settings Bicep may set: everything but LocalOnly.</summary>
    public static IReadOnlySet<string> ExpectedInAzure { get; } =
        All.Where(s => s.Scope != SettingScope.LocalOnly).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Settings local.settings.sample.json may contain: everything but AzureOnly.</summary>
    public static IReadOnlySet<string> ExpectedLocally { get; } =
        All.Where(s => s.Scope != SettingScope.AzureOnly).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Settings Bicep must set: Everywhere and AzureOnly (Optional tuning keeps its defaults unless someone tunes it).</summary>
    public static IReadOnlyList<AppSetting> RequiredInAzure { get; } = [.. All.Where(s => s.Scope is SettingScope.Everywhere or SettingScope.AzureOnly)];

    /// <summary>Settings local.settings.sample.json must contain: Everywhere and LocalOnly.</summary>
    public static IReadOnlyList<AppSetting> RequiredLocally { get; } = [.. All.Where(s => s.Scope is SettingScope.Everywhere or SettingScope.LocalOnly)];

    public static IReadOnlySet<string> Names { get; } = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The "Values" of local.settings.sample.json at the repository root.</summary>
    public static IReadOnlyDictionary<string, string> LocalSample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Combine("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static List<AppSetting> Discover()
    {
        var assembly = typeof(SettingsSectionAttribute).Assembly;
        var settings =
            from type in assembly.GetTypes()
            let section = type.GetCustomAttribute<SettingsSectionAttribute>()
            where section is not null
            from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where property.SetMethod is { IsPublic: true }
            let scope = property.GetCustomAttribute<SettingScopeAttribute>()?.Scope ?? SettingScope.Everywhere
            select new AppSetting($"{section.Name}__{property.Name}", scope, $"{type.Name}.{property.Name}", property.PropertyType);
        return [.. settings.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }
}

/// <summary>
/// Settings of the Functions host and the App Service platform, not of the app: the configuration contract ignores them.
/// Keep this list explicit; add a name only with the reason the platform needs it.
/// </summary>
public static class HostSettings
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // Runtime selection (Elastic Premium; Flex Consumption takes them from functionAppConfig instead).
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME",
        // Host storage: locally the Azurite connection string, in Azure the identity-based AzureWebJobsStorage__* below.
        "AzureWebJobsStorage",
        // Telemetry: the component's connection string (not a secret) and Entra ID authentication with the app identity.
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    };

    private static readonly string[] Prefixes =
    [
        // Identity-based host storage: __credential, __clientId, __blobServiceUri, __queueServiceUri, __tableServiceUri.
        "AzureWebJobsStorage__",
        // App Service platform settings, e.g. WEBSITE_RUN_FROM_PACKAGE and WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID.
        "WEBSITE_",
    ];

    public static bool Contains(string name) =>
        Names.Contains(name) || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
