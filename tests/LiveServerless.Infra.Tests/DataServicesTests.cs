using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed class DataServicesTests(InfraFixture infra)
{
    // The app's own lists (read from the function app), so Bicep cannot drift from what the code uses.
    private static readonly Dictionary<string, string> CosmosContainers =
        LiveServerless.Functions.Cosmos.CosmosContainers.All.ToDictionary(c => c.Name, c => c.PartitionKeyPath, StringComparer.Ordinal);

    private static readonly string[] Tables = [.. typeof(LiveServerless.Functions.Storage.TableNames)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Scenarios => ["defaults", "alternatives"];

    public static TheoryData<string> MonitoredResourceTypes =>
    [
        "Microsoft.Web/sites",
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Storage/storageAccounts/blobServices",
        "Microsoft.Storage/storageAccounts/tableServices",
        "Microsoft.Storage/storageAccounts/queueServices",
        "Microsoft.EventHub/namespaces",
        "Microsoft.DocumentDB/databaseAccounts",
        "Microsoft.SignalRService/signalR",
        "Microsoft.KeyVault/vaults",
    ];

    private PredictedDeployment Deployment(string scenario) => scenario == "defaults" ? infra.Defaults : infra.Alternatives;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void StorageAccount_AcceptsOnlyEntraIdOverTls12_AndNoAnonymousAccess(string scenario)
    {
        var storage = Deployment(scenario).Only("Microsoft.Storage/storageAccounts").Properties;
        Assert.Equal(false, storage.BoolAt("allowSharedKeyAccess"));
        Assert.Equal(true, storage.BoolAt("defaultToOAuthAuthentication"));
        Assert.Equal("TLS1_2", storage.StringAt("minimumTlsVersion"));
        Assert.Equal(true, storage.BoolAt("supportsHttpsTrafficOnly"));
        Assert.Equal(false, storage.BoolAt("allowBlobPublicAccess"));
        Assert.All(Deployment(scenario).OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", container.Properties.StringAt("publicAccess")));
    }

    [Fact]
    public void Storage_DeclaresTheTablesTheAppUses()
    {
        var deployment = infra.Defaults;
        var tables = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]).Order(StringComparer.Ordinal);
        Assert.Equal(Tables.Order(StringComparer.Ordinal), tables);

        var storage = deployment.Only("Microsoft.Storage/storageAccounts");
        Assert.Contains(storage.Id, PredictedDeployment.ReferencedResourceIds(deployment.AppSettings["Tables__ServiceUri"]));
        Assert.EndsWith(".table]", deployment.AppSettings["Tables__ServiceUri"], StringComparison.Ordinal);
    }

    [Fact]
    public void EventHubs_HasTheInteractionsHub_AndTheProcessorConsumerGroup()
    {
        var deployment = infra.Defaults;
        var eventHubs = deployment.Only("Microsoft.EventHub/namespaces");
        Assert.Equal("1.2", eventHubs.Properties.StringAt("minimumTlsVersion"));
        Assert.Equal(true, eventHubs.Properties.BoolAt("disableLocalAuth"));
        Assert.NotEqual("Basic", eventHubs.Json.StringAt("sku.name"));

        var hub = deployment.Only("Microsoft.EventHub/namespaces/eventhubs");
        Assert.Equal($"{eventHubs.Name}/interactions", hub.Name);
        Assert.Equal(4, hub.Properties.IntAt("partitionCount"));
        Assert.Equal(4, infra.Template.Parameters["eventHubPartitionCount"].IntAt("defaultValue"));

        var group = deployment.Only("Microsoft.EventHub/namespaces/eventhubs/consumergroups");
        Assert.Equal($"{hub.Name}/processor", group.Name);

        var settings = deployment.AppSettings;
        Assert.Equal("interactions", settings["EventHubs__HubName"]);
        Assert.Equal("processor", settings["EventHubs__ConsumerGroup"]);
        Assert.Contains(eventHubs.Id, PredictedDeployment.ReferencedResourceIds(settings["EventHubs__FullyQualifiedNamespace"]));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Cosmos_AcceptsIdentityOnly_AndDeclaresEveryContainerWithItsPartitionKey(string scenario)
    {
        var deployment = Deployment(scenario);
        var account = deployment.Only("Microsoft.DocumentDB/databaseAccounts");
        Assert.Equal(true, account.Properties.BoolAt("disableLocalAuth"));
        Assert.Equal("Tls12", account.Properties.StringAt("minimalTlsVersion"));

        var database = deployment.Only("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");
        var databaseName = database.Name.Split('/')[^1];
        Assert.Equal(databaseName, deployment.AppSettings["Cosmos__DatabaseName"]);
        Assert.Contains(account.Id, PredictedDeployment.ReferencedResourceIds(deployment.AppSettings["Cosmos__AccountEndpoint"]));

        var containers = deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").ToDictionary(
            c => c.Name.Split('/')[^1],
            c => string.Join(",", c.Properties.ArrayAt("resource.partitionKey.paths").Select(p => p.GetString())),
            StringComparer.Ordinal);
        Assert.Equal(CosmosContainers.OrderBy(c => c.Key, StringComparer.Ordinal), containers.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.All(deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"),
            c => Assert.StartsWith($"{database.Name}/", c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_IsServerlessByDefault_AndAutoscaleOnRequest()
    {
        static bool IsServerless(PredictedResource account) =>
            account.Properties.ArrayAt("capabilities").Any(c => c.StringAt("name") == "EnableServerless");

        Assert.True(IsServerless(infra.Defaults.Only("Microsoft.DocumentDB/databaseAccounts")));
        Assert.Null(infra.Defaults.Only("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").Properties.At("options.autoscaleSettings"));

        Assert.False(IsServerless(infra.Alternatives.Only("Microsoft.DocumentDB/databaseAccounts")));
        var maxThroughput = infra.Alternatives.Only("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").Properties.IntAt("options.autoscaleSettings.maxThroughput");
        Assert.True(maxThroughput >= 1000, $"autoscale max throughput is {maxThroughput}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SignalR_RunsInServerlessMode(string scenario)
    {
        var deployment = Deployment(scenario);
        var signalR = deployment.Only("Microsoft.SignalRService/signalR");
        var serviceMode = signalR.Properties.ArrayAt("features").Single(f => f.StringAt("flag") == "ServiceMode");
        Assert.Equal("Serverless", serviceMode.StringAt("value"));
        Assert.Equal("live", deployment.AppSettings["SignalR__HubName"]);
    }

    [Fact]
    public void KeyVault_AuthorizesWithRbac_AndKeepsDeletedSecrets()
    {
        var vault = infra.Defaults.Only("Microsoft.KeyVault/vaults").Properties;
        Assert.Equal(true, vault.BoolAt("enableRbacAuthorization"));
        Assert.Equal(true, vault.BoolAt("enableSoftDelete"));
        Assert.True(vault.IntAt("softDeleteRetentionInDays") >= 7);
        Assert.Empty(vault.ArrayAt("accessPolicies"));
    }

    [Fact]
    public void ApplicationInsights_StoresInLogAnalytics_AndAcceptsEntraIdOnly()
    {
        var deployment = infra.Defaults;
        var workspace = deployment.Only("Microsoft.OperationalInsights/workspaces");
        var insights = deployment.Only("Microsoft.Insights/components").Properties;
        Assert.Equal(workspace.Id, insights.StringAt("WorkspaceResourceId"));
        Assert.Equal(true, insights.BoolAt("DisableLocalAuth"));

        var settings = deployment.AppSettings;
        Assert.Contains(deployment.Only("Microsoft.Insights/components").Id, PredictedDeployment.ReferencedResourceIds(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]));
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains(deployment.Identity.Id, PredictedDeployment.ReferencedResourceIds(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
    }

    [Theory]
    [MemberData(nameof(MonitoredResourceTypes))]
    public void MainResources_SendDiagnosticsToLogAnalytics(string resourceType)
    {
        var deployment = infra.Defaults;
        var resource = deployment.Only(resourceType);
        var workspace = deployment.Only("Microsoft.OperationalInsights/workspaces");
        var settings = deployment.OfType("Microsoft.Insights/diagnosticSettings").Where(d => string.Equals(d.Scope, resource.Id, StringComparison.OrdinalIgnoreCase)).ToList();

        var setting = Assert.Single(settings);
        Assert.Equal(workspace.Id, setting.Properties.StringAt("workspaceId"));
        var enabled = setting.Properties.ArrayAt("logs").Concat(setting.Properties.ArrayAt("metrics")).Where(c => c.BoolAt("enabled") == true);
        Assert.NotEmpty(enabled);
    }
}
