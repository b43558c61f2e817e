using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed class RoleAssignmentTests(InfraFixture infra)
{
    /// <summary>Every data-plane dependency of the app, and the role(s) its identity needs there (any one of the alternatives per row).</summary>
    public static TheoryData<string, string, string[]> RequiredRoles => new()
    {
        // Identity-based AzureWebJobsStorage: host blobs (keys, leases, package), queues and tables; the app's own tables.
        { "Microsoft.Storage/storageAccounts", "Storage Blob Data Owner", [BuiltInRoles.StorageBlobDataOwner] },
        { "Microsoft.Storage/storageAccounts", "Storage Queue Data Contributor", [BuiltInRoles.StorageQueueDataContributor] },
        { "Microsoft.Storage/storageAccounts", "Storage Table Data Contributor", [BuiltInRoles.StorageTableDataContributor] },
        // Interactions are published by the HTTP functions and consumed by the hosted processor.
        { "Microsoft.EventHub/namespaces/eventhubs", "Azure Event Hubs Data Sender", [BuiltInRoles.EventHubsDataSender] },
        { "Microsoft.EventHub/namespaces/eventhubs", "Azure Event Hubs Data Receiver", [BuiltInRoles.EventHubsDataReceiver] },
        // Key Vault references.
        { "Microsoft.KeyVault/vaults", "Key Vault Secrets User", [BuiltInRoles.KeyVaultSecretsUser] },
        // SignalR REST API (groups, sends).
        { "Microsoft.SignalRService/signalR", "SignalR REST API Owner or SignalR App Server", [BuiltInRoles.SignalRRestApiOwner, BuiltInRoles.SignalRAppServer] },
        // Telemetry with Entra ID authentication.
        { "Microsoft.Insights/components", "Monitoring Metrics Publisher", [BuiltInRoles.MonitoringMetricsPublisher] },
    };

    [Theory]
    [MemberData(nameof(RequiredRoles))]
    public void AppIdentity_HoldsItsDataPlaneRoleOnEveryDependency(string resourceType, string role, string[] roleDefinitionGuids)
    {
        var deployment = infra.Defaults;
        var resource = deployment.Only(resourceType);
        var assignments = deployment.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => string.Equals(a.Scope, resource.Id, StringComparison.OrdinalIgnoreCase))
            .Where(a => deployment.IsAppIdentityPrincipalId(a.Properties.StringAt("principalId")))
            .Where(a => roleDefinitionGuids.Contains(a.RoleDefinitionGuid, StringComparer.OrdinalIgnoreCase))
            .ToList();

        var assignment = Assert.Single(assignments);
        Assert.Equal("ServicePrincipal", assignment.Properties.StringAt("principalType"));
        Assert.True(
            assignment.Name.StartsWith($"[guid('{resource.Id}', ", StringComparison.OrdinalIgnoreCase),
            $"{role} on {resource}: the assignment name should be guid(scope, principal, role) so that redeployments are idempotent, is {assignment.Name}");
    }

    [Fact]
    public void AppIdentity_HoldsTheCosmosDataContributorSqlRoleOnTheAccount()
    {
        var deployment = infra.Defaults;
        var account = deployment.Only("Microsoft.DocumentDB/databaseAccounts");
        var assignment = Assert.Single(deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));

        Assert.True(deployment.IsAppIdentityPrincipalId(assignment.Properties.StringAt("principalId")), assignment.Properties.StringAt("principalId"));
        Assert.Equal($"{account.Id}/sqlRoleDefinitions/{BuiltInRoles.CosmosDataContributor}", assignment.Properties.StringAt("roleDefinitionId"), ignoreCase: true);
        Assert.Equal(account.Id, assignment.Properties.StringAt("scope"), ignoreCase: true);
    }

    [Fact]
    public void AppIdentity_HoldsNoRoleBeyondTheRequiredOnes()
    {
        var deployment = infra.Defaults;
        var allowed = RequiredRoles.Select(row => ((string)row[0], (string[])row[2]))
            .SelectMany(row => row.Item2.Select(guid => (Scope: deployment.Only(row.Item1).Id, Guid: guid)))
            .ToHashSet();

        var extra = deployment.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => deployment.IsAppIdentityPrincipalId(a.Properties.StringAt("principalId")))
            .Where(a => !allowed.Contains((a.Scope, a.RoleDefinitionGuid)))
            .Select(a => $"{a.RoleDefinitionGuid} on {a.Scope}")
            .ToList();
        Assert.True(extra.Count == 0, "unexpected role assignments for the app identity (least privilege):" + Environment.NewLine + string.Join(Environment.NewLine, extra));
    }

    [Fact]
    public void OperatorPrincipal_MayOnlyUploadTheDeploymentPackage()
    {
        static IEnumerable<PredictedResource> NotAppIdentity(PredictedDeployment deployment) =>
            deployment.OfType("Microsoft.Authorization/roleAssignments").Where(a => !deployment.IsAppIdentityPrincipalId(a.Properties.StringAt("principalId")));

        Assert.Empty(NotAppIdentity(infra.Defaults));

        var assignment = Assert.Single(NotAppIdentity(infra.Alternatives));
        Assert.Equal(InfraFixture.OperatorPrincipalId, assignment.Properties.StringAt("principalId"));
        Assert.Equal(BuiltInRoles.StorageBlobDataContributor, assignment.RoleDefinitionGuid);
        Assert.Equal(infra.Alternatives.Only("Microsoft.Storage/storageAccounts").Id, assignment.Scope, ignoreCase: true);
    }
}
