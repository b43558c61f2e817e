using LiveServerless.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveServerless.Operations.Tests;

/// <summary>The app refuses to start with a secret that App Service could not resolve, or an admin key too short to be safe.</summary>
public sealed class StartupValidationTests
{
    private const string UnresolvedReference = "@Microsoft.KeyVault(SecretUri=https://kv-example.vault.azure.net/secrets/admin-api-key)";

    private static readonly Dictionary<string, string?> ValidSettings = new(StringComparer.Ordinal)
    {
        ["Admin:ApiKey"] = "test-admin-key-that-is-long-enough-0000",
        ["UserTokens:SigningKey"] = "test-user-token-signing-key-long-enough-0000",
        ["Ads:ImpressionTokenKey"] = "test-ads-impression-token-key-long-enough-00",
        ["SignalR:ConnectionString"] = "Endpoint=http://localhost:1;AccessKey=test-signalr-access-key-long-enough-000000;Version=1.0;",
        ["Tables:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Cosmos:ConnectionString"] = "AccountEndpoint=https://localhost:1/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;",
        ["EventHubs:ConnectionString"] = "Endpoint=sb://localhost:1;SharedAccessKeyName=test;SharedAccessKey=test;UseDevelopmentEmulator=true",
    };

    public static TheoryData<string> SecretSettings => ["Admin:ApiKey", "UserTokens:SigningKey", "Ads:ImpressionTokenKey", "SignalR:ConnectionString"];

    [Fact]
    public void ValidSettings_Start()
    {
        using var services = Build(ValidSettings);

        Validate(services);
    }

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void AnUnresolvedKeyVaultReferenceInASecretSetting_StopsTheStart(string setting)
    {
        using var services = Build(new(ValidSettings) { [setting] = UnresolvedReference });

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(services));

        Assert.Contains($"{setting} is an unresolved Key Vault reference", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-example", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortAdminKey_StopsTheStart()
    {
        using var services = Build(new(ValidSettings) { ["Admin:ApiKey"] = "short-admin-key" });

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(services));

        Assert.Contains("Admin:ApiKey must be at least 32 characters", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MissingConnections => new()
    {
        { "Tables:ConnectionString", "Set Tables:ConnectionString (local) or Tables:ServiceUri (Azure)." },
        { "Cosmos:ConnectionString", "Set Cosmos:ConnectionString (local) or Cosmos:AccountEndpoint (Azure)." },
        { "EventHubs:ConnectionString", "Set EventHubs:ConnectionString (local) or EventHubs:FullyQualifiedNamespace (Azure)." },
    };

    [Theory]
    [MemberData(nameof(MissingConnections))]
    public void Startup_StopsForAServiceWithoutAConnection(string setting, string message)
    {
        var settings = new Dictionary<string, string?>(ValidSettings);
        settings.Remove(setting);
        using var services = Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(services));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidTuning => new()
    {
        { "Processor:MaxBatchSize", "0", "Processor:MaxBatchSize must be at least 1." },
        { "Processor:MaximumWaitTime", "00:00:00", "Processor:MaximumWaitTime must be positive." },
        { "Processor:PartitionOwnershipExpirationInterval", "00:00:10", "Processor:PartitionOwnershipExpirationInterval must be longer than Processor:LoadBalancingUpdateInterval" },
        { "AdServing:RefreshInterval", "00:00:00", "AdServing:RefreshInterval must be positive." },
        { "AdServing:SettlementMargin", "-00:00:01", "AdServing:SettlementMargin must be positive" },
        { "AdServing:Parallelism", "0", "AdServing:Parallelism must be at least 1." },
    };

    [Theory]
    [MemberData(nameof(InvalidTuning))]
    public void Startup_StopsForInvalidOptionalTuning_WithAMessageNamingTheSetting(string setting, string value, string message)
    {
        using var services = Build(new(ValidSettings) { [setting] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(services));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_ReportsEveryBrokenTuningRuleAtOnce()
    {
        using var services = Build(new(ValidSettings) { ["Processor:MaxBatchSize"] = "0", ["Processor:PrefetchCount"] = "-1" });

        var failure = Assert.Throws<OptionsValidationException>(() => Validate(services));

        Assert.Contains("Processor:MaxBatchSize must be at least 1.", failure.Failures);
        Assert.Contains("Processor:PrefetchCount must be at least 0.", failure.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddLiveServerless();
        return services.BuildServiceProvider();
    }

    // What the host runs before it starts the hosted services: every ValidateOnStart registration.
    private static void Validate(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();
}
