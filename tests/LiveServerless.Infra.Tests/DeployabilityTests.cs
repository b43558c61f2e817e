using System.Text.Json;
using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// What Azure and azd accept, read from their documentation and held here because nobody can deploy from the build machine:
/// the parameters file as azd parses it, the site properties each hosting plan accepts, and parameter ranges as the services allow.
/// </summary>
[Collection(InfraTemplates.Name)]
public sealed partial class DeployabilityTests(InfraFixture infra)
{
    // Settings Flex Consumption refuses on the site, even with a null value (it takes runtime and scale from functionAppConfig).
    private static readonly string[] SiteConfigFlexRejects = ["ftpsState", "linuxFxVersion", "minimumElasticInstanceCount", "functionAppScaleLimit"];

    [Fact]
    public void ParametersFile_IsValidJsonBeforeAzdSubstitutesVariables()
    {
        // azd 1.15 and later parse the file as JSON first and substitute ${VAR} inside string values afterwards,
        // so an unquoted placeholder (e.g. ${ALLOWED_WEB_ORIGINS=[]}) makes `azd up` fail before anything is deployed.
        var text = File.ReadAllText(RepositoryFiles.Combine("infra", "main.parameters.json"));
        using var document = JsonDocument.Parse(text);

        foreach (var parameter in document.RootElement.GetProperty("parameters").EnumerateObject())
        {
            var value = parameter.Value.GetProperty("value");
            if (value.ValueKind == JsonValueKind.String && value.GetString()!.Contains("${", StringComparison.Ordinal))
            {
                Assert.Matches(WholeAzdVariable(), value.GetString()!);
            }
        }
    }

    [Fact]
    public void WebOrigins_AreACommaSeparatedString_SoTheParametersFileCanQuoteThem()
    {
        Assert.Equal("string", infra.Template.Parameters["allowedWebOrigins"].StringAt("type"));
        Assert.Equal("", infra.Template.Parameters["allowedWebOrigins"].StringAt("defaultValue"));
    }

    [Fact]
    public void AzureYaml_StatesTheMinimumAzdVersionThatParsesTheParametersFileAsJson()
    {
        var yaml = File.ReadAllText(RepositoryFiles.Combine("azure.yaml"));
        var required = RequiredAzdVersion().Match(yaml);
        Assert.True(required.Success, "azure.yaml must state requiredVersions.azd");
        Assert.True(Version.Parse(required.Groups["version"].Value) >= new Version(1, 15, 0), $"azd {required.Groups["version"].Value} is older than 1.15.0");

        var deployDoc = File.ReadAllText(RepositoryFiles.Combine("docs", "deploy.md"));
        Assert.Contains($"Azure Developer CLI {required.Groups["version"].Value} or later", deployDoc, StringComparison.Ordinal);
    }

    [Fact]
    public void FlexConsumptionSite_SendsNoneOfTheSettingsFlexRejectsNotEvenAsNull()
    {
        var site = infra.Alternatives.FunctionApp.Properties;
        var siteConfig = site.GetProperty("siteConfig").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(SiteConfigFlexRejects, name => Assert.DoesNotContain(name, siteConfig, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain("reserved", site.EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("healthCheckPath", siteConfig, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void ElasticPremiumSite_RunsLinuxWithItsScaleSettingsNoFtp_AndAPlatformHealthCheck()
    {
        var site = infra.Defaults.FunctionApp.Properties;
        Assert.Equal(true, site.BoolAt("reserved"));
        Assert.Equal("DOTNET-ISOLATED|10.0", site.StringAt("siteConfig.linuxFxVersion"));
        Assert.Equal("Disabled", site.StringAt("siteConfig.ftpsState"));
        Assert.True(site.IntAt("siteConfig.minimumElasticInstanceCount") >= 1);
        Assert.True(site.IntAt("siteConfig.functionAppScaleLimit") >= site.IntAt("siteConfig.minimumElasticInstanceCount"));
        Assert.Null(site.At("functionAppConfig"));

        // Liveness: the platform replaces an instance whose process is broken; a dependency outage must not recycle every instance.
        Assert.Equal("/api/health/live", site.StringAt("siteConfig.healthCheckPath"));
    }

    [Fact]
    public void AlwaysReadyInstances_NeverExceedTheMaximumInstanceCount()
    {
        var plan = infra.Limits.Plan.Json;
        var site = infra.Limits.FunctionApp.Properties;
        Assert.Equal(InfraFixture.LimitsAlwaysReady, plan.IntAt("sku.capacity"));
        Assert.Equal(InfraFixture.LimitsAlwaysReady, site.IntAt("siteConfig.minimumElasticInstanceCount"));
        Assert.True(plan.IntAt("properties.maximumElasticWorkerCount") >= plan.IntAt("sku.capacity"));
        Assert.True(site.IntAt("siteConfig.functionAppScaleLimit") >= site.IntAt("siteConfig.minimumElasticInstanceCount"));

        var flex = infra.Alternatives.FunctionApp.Properties.At("functionAppConfig.scaleAndConcurrency")!.Value;
        var alwaysReady = flex.ArrayAt("alwaysReady").Sum(group => group.IntAt("instanceCount") ?? 0);
        Assert.True(flex.IntAt("maximumInstanceCount") >= alwaysReady);
    }

    [Fact]
    public void SignalRUnits_AreLimitedToTheValuesTheServiceAccepts()
    {
        int[] accepted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        Assert.Equal(accepted, infra.Template.Parameters["signalRCapacity"].ArrayAt("allowedValues").Select(v => v.GetInt32()));
        Assert.Equal(20, infra.Limits.Only("Microsoft.SignalRService/signalR").Json.IntAt("sku.capacity"));
    }

    [Fact]
    public void PremiumEventHubsProcessingUnits_AreLimitedToTheValuesTheServiceAccepts()
    {
        int[] accepted = [1, 2, 4, 8, 16];
        Assert.Equal(accepted, infra.Template.Parameters["eventHubsProcessingUnits"].ArrayAt("allowedValues").Select(v => v.GetInt32()));

        var premium = infra.Limits.Only("Microsoft.EventHub/namespaces").Json;
        Assert.Equal("Premium", premium.StringAt("sku.name"));
        Assert.Equal(4, premium.IntAt("sku.capacity"));
        Assert.Equal(40, infra.Template.Parameters["eventHubsCapacity"].IntAt("maxValue"));
    }

    [Fact]
    public void DeployGuide_ListsTheRedeployHazards()
    {
        var guide = File.ReadAllText(RepositoryFiles.Combine("docs", "deploy.md"));
        Assert.Contains("## Redeploy hazards", guide, StringComparison.Ordinal);
        Assert.Contains("eventHubPartitionCount", guide, StringComparison.Ordinal);
        Assert.Contains("soft-deleted", guide, StringComparison.Ordinal);
        Assert.Contains("cosmosCapacityMode", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void OnElasticPremium_AzdProvisionShipsTheCode_AndTheGuideSaysSo()
    {
        // azd's deploy step is a Kudu zip deploy, which the platform refuses (409) while WEBSITE_RUN_FROM_PACKAGE is a URL, as
        // it must be without an Azure Files share. So the postprovision hook publishes, and the guide sends Elastic Premium
        // users to `azd provision` rather than to a command that ends in an error.
        Assert.Contains("WEBSITE_RUN_FROM_PACKAGE", infra.Defaults.AppSettings.Keys);
        var yaml = File.ReadAllText(RepositoryFiles.Combine("azure.yaml"));
        Assert.Matches(@"(?ms)^  postprovision:\s*$.*?run: \./infra/scripts/publish-package\.sh", yaml);
        var hook = File.ReadAllText(RepositoryFiles.Combine("infra", "scripts", "publish-package.sh"));
        Assert.Contains("release.sh\" deploy", hook, StringComparison.Ordinal);

        var guide = File.ReadAllText(RepositoryFiles.Combine("docs", "deploy.md"));
        Assert.Contains("on Elastic Premium `azd provision` is the command that ships code", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("expected and harmless", guide, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+(=[^}]*)?\}$")]
    private static partial Regex WholeAzdVariable();

    [GeneratedRegex(@"(?m)^requiredVersions:\s*\n\s+azd:\s*['""]?>=\s*(?<version>\d+\.\d+\.\d+)['""]?\s*$")]
    private static partial Regex RequiredAzdVersion();
}
