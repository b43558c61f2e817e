using System.ComponentModel;
using LiveServerless.Functions.Configuration;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// The app side of the contract is its options classes (functions/LiveServerless.Functions/Configuration): Bicep must set every
/// setting the app reads in Azure and nothing else; local.settings.sample.json every setting the app reads locally and nothing else.
/// Host and platform settings are allowed by <see cref="HostSettings"/>.
/// </summary>
[Collection(InfraTemplates.Name)]
public sealed class ConfigurationContractTests(InfraFixture infra)
{
    public static TheoryData<string> Scenarios => ["defaults", "alternatives"];

    private PredictedDeployment Deployment(string scenario) => scenario == "defaults" ? infra.Defaults : infra.Alternatives;

    [Fact]
    public void TheContract_IsReadFromTheOptionsClasses()
    {
        // Guards against a reflection change that finds nothing, which would make every other test here pass vacuously.
        Assert.True(AppSettingsContract.All.Count >= 10, $"found only {AppSettingsContract.All.Count} settings");
        Assert.Contains(AppSettingsContract.All, s => s is { Name: "ManagedIdentity__ClientId", Scope: SettingScope.AzureOnly });
        Assert.Contains(AppSettingsContract.All, s => s is { Name: "Tables__ConnectionString", Scope: SettingScope.LocalOnly });
        Assert.Contains(AppSettingsContract.All, s => s is { Name: "SignalR__HubName", Scope: SettingScope.Everywhere });
        Assert.Contains(AppSettingsContract.All, s => s is { Name: "Processor__PartitionOwnershipExpirationInterval", Scope: SettingScope.Optional });
        Assert.Contains(AppSettingsContract.All, s => s is { Name: "AdServing__RefreshInterval", Scope: SettingScope.Optional });
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void AppSettings_AreSetInOnePlaceOnly(string scenario)
    {
        // The contract reads the sites/config 'appsettings' resource; settings anywhere else would escape it.
        var site = Deployment(scenario).FunctionApp.Properties;
        Assert.Null(site.At("siteConfig.appSettings"));
        Assert.Null(site.At("siteConfig.connectionStrings"));
        Assert.Single(Deployment(scenario).OfType("Microsoft.Web/sites/config"));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Bicep_SetsEverySettingTheAppReadsInAzure(string scenario)
    {
        var set = Deployment(scenario).AppSettings.Keys.ToHashSet(StringComparer.Ordinal);
        var missing = AppSettingsContract.RequiredInAzure.Where(s => !set.Contains(s.Name)).ToList();
        Assert.True(missing.Count == 0, "the app reads these settings but Bicep does not set them:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Bicep_SetsNoSettingTheAppDoesNotReadInAzure(string scenario)
    {
        var byName = AppSettingsContract.All.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var extra = Deployment(scenario).AppSettings.Keys
            .Where(name => !HostSettings.Contains(name) && !AppSettingsContract.ExpectedInAzure.Contains(name))
            .Select(name => byName.TryGetValue(name, out var setting) ? $"{setting}: local only, must not be set in Azure" : $"{name}: no options class reads it")
            .ToList();
        Assert.True(extra.Count == 0, "Bicep sets settings the app does not read in Azure:" + Environment.NewLine + string.Join(Environment.NewLine, extra));
    }

    [Fact]
    public void LocalSample_ContainsEverySettingTheAppReadsLocally()
    {
        var sample = AppSettingsContract.LocalSample();
        var missing = AppSettingsContract.RequiredLocally.Where(s => !sample.ContainsKey(s.Name)).ToList();
        Assert.True(missing.Count == 0, "local.settings.sample.json lacks:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void LocalSample_ContainsNoAzureOnlyOrUnknownSetting()
    {
        var byName = AppSettingsContract.All.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var extra = AppSettingsContract.LocalSample().Keys
            .Where(name => !HostSettings.Contains(name) && !AppSettingsContract.ExpectedLocally.Contains(name))
            .Select(name => byName.TryGetValue(name, out var setting) ? $"{setting}: Azure only, must not be in the sample" : $"{name}: no options class reads it")
            .ToList();
        Assert.True(extra.Count == 0, "local.settings.sample.json has settings the app does not read locally:" + Environment.NewLine + string.Join(Environment.NewLine, extra));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void LiteralValues_ConvertToTheOptionTypes(string scenario)
    {
        var sources = new[]
        {
            ("Bicep", (IReadOnlyDictionary<string, string>)Deployment(scenario).AppSettings),
            ("local.settings.sample.json", AppSettingsContract.LocalSample()),
        };
        foreach (var (source, values) in sources)
        {
            foreach (var setting in AppSettingsContract.All)
            {
                // Values computed at deployment time ([reference(...)]) are checked by the resource tests.
                if (!values.TryGetValue(setting.Name, out var value) || value.StartsWith('['))
                {
                    continue;
                }

                var type = Nullable.GetUnderlyingType(setting.PropertyType) ?? setting.PropertyType;
                var converter = TypeDescriptor.GetConverter(type);
                Assert.True(
                    converter.CanConvertFrom(typeof(string)) && converter.IsValid(value),
                    $"{source}: {setting.Name} = '{value}' does not convert to {type.Name}");
            }
        }
    }
}
