using System.Text.Json;

namespace LiveServerless.Infra.Tests.Infrastructure;

/// <summary>
/// Compiles, lints and predicts main.bicep once per test run. The Bicep CLI runs five times in parallel:
/// build (the ARM JSON), lint, and a snapshot of three deployments: the defaults, the alternative options and the limits.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    // Fake ids: a snapshot is computed offline, it never calls Azure.
    private const string SubscriptionId = "00000000-0000-0000-0000-00000000a11e";
    private const string TenantId = "00000000-0000-0000-0000-00000000fee1";
    private const string Location = "westeurope";

    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("liveserverless-infra-tests-");
    private JsonDocument? _template;
    private PredictedDeployment? _defaults;
    private PredictedDeployment? _alternatives;
    private PredictedDeployment? _limits;

    public BicepResult Build { get; private set; } = new(-1, "", "not run");

    public BicepResult Lint { get; private set; } = new(-1, "", "not run");

    public BicepResult DefaultsSnapshot { get; private set; } = new(-1, "", "not run");

    public BicepResult AlternativesSnapshot { get; private set; } = new(-1, "", "not run");

    public BicepResult LimitsSnapshot { get; private set; } = new(-1, "", "not run");

    /// <summary>main.bicep compiled to ARM JSON (bicep build --stdout).</summary>
    public CompiledTemplate Template => new("main", (_template ?? throw new InvalidOperationException($"bicep build failed: {Build}")).RootElement);

    /// <summary>A deployment with only the required parameters: what an operator gets without choosing anything.</summary>
    public PredictedDeployment Defaults => _defaults ?? throw new InvalidOperationException($"bicep snapshot (defaults) failed: {DefaultsSnapshot}");

    /// <summary>
    /// A deployment with the non-default options: Flex Consumption, Cosmos autoscale, web origins, an operator principal, a Standard
    /// Static Web App in a region of its own.
    /// </summary>
    public PredictedDeployment Alternatives => _alternatives ?? throw new InvalidOperationException($"bicep snapshot (alternatives) failed: {AlternativesSnapshot}");

    /// <summary>
    /// A deployment at the edges of what the services accept: Premium Event Hubs processing units, SignalR units past 10,
    /// more always-ready instances than the requested maximum, an alert e-mail address.
    /// </summary>
    public PredictedDeployment Limits => _limits ?? throw new InvalidOperationException($"bicep snapshot (limits) failed: {LimitsSnapshot}");

    public const string AlertEmail = "oncall@example.com";

    public const int LimitsAlwaysReady = 5;

    public const int LimitsMaximumBurst = 2;

    public const string AlternativeStaticWebAppLocation = "eastus2";

    public const string OperatorPrincipalId = "11111111-2222-3333-4444-555555555555";

    public static readonly string[] WebOrigins = ["https://live.example.com", "https://studio.example.com"];

    public async Task InitializeAsync()
    {
        var infra = Path.GetDirectoryName(RepositoryFiles.MainBicep)!;
        var build = BicepCli.RunAsync(infra, "build", RepositoryFiles.MainBicep, "--stdout");
        var lint = BicepCli.RunAsync(infra, "lint", RepositoryFiles.MainBicep);
        var defaults = SnapshotAsync("defaults", []);
        var alternatives = SnapshotAsync("alternatives", [
            "param hostingPlan = 'FlexConsumption'",
            "param cosmosCapacityMode = 'Autoscale'",
            // Comma-separated, with the spaces an operator may type: the template trims them.
            $"param allowedWebOrigins = '{string.Join(", ", WebOrigins)}'",
            $"param principalId = '{OperatorPrincipalId}'",
            "param staticWebAppSku = 'Standard'",
            $"param staticWebAppLocation = '{AlternativeStaticWebAppLocation}'",
        ]);
        var limits = SnapshotAsync("limits", [
            "param eventHubsSku = 'Premium'",
            "param eventHubsProcessingUnits = 4",
            "param signalRCapacity = 20",
            $"param alwaysReadyInstanceCount = {LimitsAlwaysReady}",
            $"param elasticPremiumMaximumBurst = {LimitsMaximumBurst}",
            $"param alertEmail = '{AlertEmail}'",
        ]);

        Build = await build;
        Lint = await lint;
        (DefaultsSnapshot, _defaults) = await defaults;
        (AlternativesSnapshot, _alternatives) = await alternatives;
        (LimitsSnapshot, _limits) = await limits;

        if (Build.ExitCode == 0)
        {
            _template = JsonDocument.Parse(Build.StandardOutput);
        }
    }

    public Task DisposeAsync()
    {
        _template?.Dispose();
        _workDirectory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(BicepResult Result, PredictedDeployment? Deployment)> SnapshotAsync(string scenario, string[] parameters)
    {
        // A .bicepparam file must name its template by a relative path.
        var usingPath = Path.GetRelativePath(_workDirectory.FullName, RepositoryFiles.MainBicep).Replace('\\', '/');
        var parametersFile = Path.Combine(_workDirectory.FullName, $"{scenario}.bicepparam");
        string[] lines =
        [
            $"using '{usingPath}'",
            "param environmentName = 'ci'",
            $"param location = '{Location}'",
            // Test-only values for the secure parameters: a snapshot never shows them, and nothing is deployed.
            "param adminApiKey = 'test-only-admin-api-key-not-a-secret-0000'",
            "param userTokenSigningKey = 'test-only-user-token-signing-key-not-a-secret'",
            "param adsImpressionTokenKey = 'test-only-ads-impression-key-not-a-secret'",
            .. parameters,
        ];
        await File.WriteAllLinesAsync(parametersFile, lines);

        var result = await BicepCli.RunAsync(
            _workDirectory.FullName,
            "snapshot", parametersFile,
            "--mode", "overwrite",
            "--subscription-id", SubscriptionId,
            "--tenant-id", TenantId,
            "--location", Location,
            "--deployment-name", $"ci-{scenario}");
        var snapshotFile = Path.ChangeExtension(parametersFile, ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(snapshotFile))
        {
            return (result, null);
        }

        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(snapshotFile));
        return (result, new PredictedDeployment(scenario, snapshot.RootElement));
    }
}

[CollectionDefinition(Name)]
public sealed class InfraTemplates : ICollectionFixture<InfraFixture>
{
    public const string Name = "Infrastructure templates";
}
