using System.Text.Json;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed class FunctionAppTests(InfraFixture infra)
{
    public static TheoryData<string> Scenarios => ["defaults", "alternatives"];

    private PredictedDeployment Deployment(string scenario) => scenario == "defaults" ? infra.Defaults : infra.Alternatives;

    [Fact]
    public void FunctionApp_RunsDotnet10IsolatedOnLinuxByDefault()
    {
        var site = infra.Defaults.FunctionApp;
        Assert.Equal("functionapp,linux", site.Json.StringAt("kind"));
        Assert.True(site.Properties.BoolAt("reserved"));
        Assert.True(infra.Defaults.Plan.Properties.BoolAt("reserved"), "the plan must be a Linux plan (reserved)");
        Assert.Equal("DOTNET-ISOLATED|10.0", site.Properties.StringAt("siteConfig.linuxFxVersion"));

        var settings = infra.Defaults.AppSettings;
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
    }

    [Fact]
    public void FlexConsumptionOption_RunsDotnet10IsolatedFromFunctionAppConfig()
    {
        var site = infra.Alternatives.FunctionApp;
        Assert.Equal("functionapp,linux", site.Json.StringAt("kind"));
        Assert.Equal("dotnet-isolated", site.Properties.StringAt("functionAppConfig.runtime.name"));
        Assert.Equal("10.0", site.Properties.StringAt("functionAppConfig.runtime.version"));
        Assert.Null(site.Properties.StringAt("siteConfig.linuxFxVersion"));

        // Flex Consumption rejects these settings: runtime and package come from functionAppConfig.
        var settings = infra.Alternatives.AppSettings;
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);

        var deployment = site.Properties.At("functionAppConfig.deployment.storage")!.Value;
        Assert.Equal("blobContainer", deployment.StringAt("type"));
        Assert.Equal("UserAssignedIdentity", deployment.StringAt("authentication.type"));
        Assert.Equal(infra.Alternatives.Identity.Id, deployment.StringAt("authentication.userAssignedIdentityResourceId"));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void FunctionApp_IsHttpsOnlyWithTls12_AndNoFtpOrBasicAuth(string scenario)
    {
        var deployment = Deployment(scenario);
        var site = deployment.FunctionApp.Properties;
        Assert.True(site.BoolAt("httpsOnly"));
        Assert.Equal("1.2", site.StringAt("siteConfig.minTlsVersion"));
        Assert.Equal("1.2", site.StringAt("siteConfig.scmMinTlsVersion"));

        var policies = deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToDictionary(p => p.Name.Split('/')[^1], p => p.Properties.BoolAt("allow"));
        Assert.Equal(false, policies.GetValueOrDefault("ftp"));
        Assert.Equal(false, policies.GetValueOrDefault("scm"));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void FunctionApp_RunsAsTheUserAssignedIdentityOnly(string scenario)
    {
        var deployment = Deployment(scenario);
        var site = deployment.FunctionApp;
        var identityId = deployment.Identity.Id;

        Assert.Equal("UserAssigned", site.Json.StringAt("identity.type"));
        var assigned = site.Json.At("identity.userAssignedIdentities")!.Value.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([identityId], assigned);
        Assert.Equal(identityId, site.Properties.StringAt("keyVaultReferenceIdentity"));

        var settings = deployment.AppSettings;
        Assert.True(deployment.IsAppIdentityProperty(settings["ManagedIdentity__ClientId"], "clientId"), settings["ManagedIdentity__ClientId"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(deployment.IsAppIdentityProperty(settings["AzureWebJobsStorage__clientId"], "clientId"), settings["AzureWebJobsStorage__clientId"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Fact]
    public void DefaultPlan_IsElasticPremiumWithAnAlwaysReadyInstance()
    {
        var plan = infra.Defaults.Plan.Json;
        Assert.Equal("ElasticPremium", plan.StringAt("sku.tier"));
        Assert.StartsWith("EP", plan.StringAt("sku.name"), StringComparison.Ordinal);
        Assert.True(plan.IntAt("sku.capacity") >= 1, "the plan's minimum instance count must be at least 1");
        Assert.True(plan.IntAt("properties.maximumElasticWorkerCount") >= plan.IntAt("sku.capacity"));

        var alwaysReady = infra.Defaults.FunctionApp.Properties.IntAt("siteConfig.minimumElasticInstanceCount");
        Assert.True(alwaysReady >= 1, "the app must keep at least one always-ready instance: the Event Hubs processor is a hosted service");
    }

    [Fact]
    public void FlexConsumptionOption_KeepsAnInstanceAlwaysReady()
    {
        var plan = infra.Alternatives.Plan.Json;
        Assert.Equal("FlexConsumption", plan.StringAt("sku.tier"));
        Assert.Equal("FC1", plan.StringAt("sku.name"));

        var alwaysReady = infra.Alternatives.FunctionApp.Properties.ArrayAt("functionAppConfig.scaleAndConcurrency.alwaysReady");
        var http = alwaysReady.SingleOrDefault(g => g.StringAt("name") == "http");
        Assert.True(http.ValueKind == JsonValueKind.Object, "the HTTP scale group must be always ready");
        Assert.True(http.IntAt("instanceCount") >= 1);
    }

    [Fact]
    public void AlwaysReadyInstances_CannotBeConfiguredBelowOne()
    {
        var parameters = infra.Template.Parameters;
        Assert.Equal("ElasticPremium", parameters["hostingPlan"].StringAt("defaultValue"));
        Assert.True(parameters["alwaysReadyInstanceCount"].IntAt("minValue") >= 1);
        Assert.True(parameters["alwaysReadyInstanceCount"].IntAt("defaultValue") >= 1);
    }

    [Fact]
    public void ElasticPremium_RunsFromAPrivatePackageReadWithTheIdentity_AndNeedsNoStorageKey()
    {
        var deployment = infra.Defaults;
        var settings = deployment.AppSettings;
        var storage = deployment.Only("Microsoft.Storage/storageAccounts");
        var container = Assert.Single(deployment.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Name.EndsWith("/app-package", StringComparison.Ordinal));

        var package = settings["WEBSITE_RUN_FROM_PACKAGE"];
        Assert.Contains(storage.Id, PredictedDeployment.ReferencedResourceIds(package));
        Assert.Contains($"'{container.Name.Split('/')[^1]}'", package, StringComparison.Ordinal);
        Assert.Equal("None", container.Properties.StringAt("publicAccess"));
        Assert.Equal(deployment.Identity.Id, settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);

        // An Azure Files content share would need a storage account key.
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTSHARE", settings.Keys);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void FunctionApp_CarriesTheAzdTags(string scenario)
    {
        var site = Deployment(scenario).FunctionApp.Json;
        Assert.Equal("api", site.StringAt("tags.azd-service-name"));
        Assert.Equal("ci", site.StringAt("tags.azd-env-name"));
    }

    [Fact]
    public void Cors_AllowsExactlyTheConfiguredWebOriginsAndTheStaticWebAppsOwn()
    {
        // Without configured origins only the Static Web App's pages may call the API.
        var defaults = infra.Defaults.FunctionApp.Properties.ArrayAt("siteConfig.cors.allowedOrigins").Select(o => o.GetString()).ToArray();
        Assert.True(infra.Defaults.IsStaticWebAppOrigin(Assert.Single(defaults)), $"expected only the Static Web App's origin, got {string.Join(", ", defaults)}");

        var origins = infra.Alternatives.FunctionApp.Properties.ArrayAt("siteConfig.cors.allowedOrigins").Select(o => o.GetString()).ToArray();
        Assert.Equal(InfraFixture.WebOrigins, origins[..^1]);
        Assert.True(infra.Alternatives.IsStaticWebAppOrigin(origins[^1]), $"the last origin must be the Static Web App's, got {origins[^1]}");
        Assert.Equal(false, infra.Alternatives.FunctionApp.Properties.BoolAt("siteConfig.cors.supportCredentials"));

        // SignalR accepts any origin until origins are configured; then exactly those and the Static Web App's (the live-room app connects from it).
        Assert.Equal(new[] { "*" }, infra.Defaults.Only("Microsoft.SignalRService/signalR").Properties.ArrayAt("cors.allowedOrigins").Select(o => o.GetString()));
        var signalROrigins = infra.Alternatives.Only("Microsoft.SignalRService/signalR").Properties.ArrayAt("cors.allowedOrigins").Select(o => o.GetString()).ToArray();
        Assert.Equal(InfraFixture.WebOrigins, signalROrigins[..^1]);
        Assert.True(infra.Alternatives.IsStaticWebAppOrigin(signalROrigins[^1]), $"SignalR's last origin must be the Static Web App's, got {signalROrigins[^1]}");
    }

    [Fact]
    public void EveryDeployedPackage_IsKeptInAPrivateReleasesContainer()
    {
        var releases = Assert.Single(infra.Defaults.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Name.EndsWith("/releases", StringComparison.Ordinal));
        Assert.Equal("None", releases.Properties.StringAt("publicAccess"));
        Assert.Equal("releases", infra.Defaults.Outputs["AZURE_FUNCTIONS_RELEASES_CONTAINER"].GetString());
    }
}
