using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Domain.Ads;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Erasure;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Health;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Interactions;
using LiveServerless.Functions.Limits;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Recommendations;
using LiveServerless.Functions.RoomStats;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Tenants;
using LiveServerless.Functions.Users;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Idempotency;
using LiveServerless.Functions.Usage;
using LiveServerless.Functions.Webhooks;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using LiveServerless.Functions.Operations;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions;

/// <summary>
/// Every registration of the app, in one place. The Functions host (Program.cs) and DevHost both call
/// <see cref="AddLiveServerless"/>, so locally the app runs with exactly the services it runs with in Azure.
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddLiveServerless(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions)); // TypedResults write the API's dialect
        services.AddMetrics();
        services.AddSettings();
        services.AddAzureSdkClients();
        services.AddSingleton<TableProvider>();
        services.AddUsage();
        services.AddSingleton<IdempotencyStore>().AddSingleton<IdempotencyMiddleware>();
        services.AddSingleton<UserTokens>().AddSingleton<TokenStampStore>();
        services.AddSingleton<RequestGuard>();
        services.AddSingleton<TenantStore>().AddSingleton<TenantService>().AddSingleton<IPartnerKeyLookup>(sp => sp.GetRequiredService<TenantStore>())
            .AddSingleton<ITenantQuotasLookup>(sp => sp.GetRequiredService<TenantStore>());
        services.AddSingleton<UserStore>().AddSingleton<UserService>().AddSingleton<IUserRecordLookup>(sp => sp.GetRequiredService<UserStore>());
        services.AddSingleton<RoomStore>().AddSingleton<RoomService>();
        services.AddRealtime();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<SharedRateLimiter>().AddSingleton<RateLimitPolicies>().AddSingleton<TenantQuotas>();
        services.AddSingleton<ChatMessageStore>().AddSingleton<ChatStateStore>().AddSingleton<IRoomChatState>(sp => sp.GetRequiredService<ChatStateStore>()).AddSingleton<ChatRateLimiter>().AddSingleton<ChatService>();
        services.AddSingleton<RoomLogStore>().AddSingleton<RoomLogWriter>().AddSingleton<RoomEventsService>();
        services.AddSingleton<IRoomLogObserver, RoomEventPusher>().AddSingleton<IRoomLogObserver, ChatStreamCounter>();
        services.AddSingleton<PresenceStore>().AddSingleton<ViewerCountChanges>().AddSingleton<GroupMembershipRepairs>().AddSingleton<PresenceService>();
        services.AddHostedService<ViewerCountPublisher>().AddHostedService<GroupMembershipRepairer>();
        services.AddSingleton<ModerationLogStore>().AddSingleton<ModerationService>();
        services.AddStream();
        services.AddEconomy();
        services.AddSingleton<IInteractionBatchHandler, FollowHandler>();
        services.AddSingleton<InteractionService>();
        services.AddSingleton<RoomStatsStore>().AddSingleton<RoomStatsService>();
        services.AddSingleton<IInteractionBatchHandler, RoomStatsHandler>();
        services.AddSingleton<ProfileStore>().AddSingleton<CoEngagementStore>().AddSingleton<ProfileService>();
        services.AddSingleton<IInteractionBatchHandler, ProfileHandler>();
        services.AddSingleton<RecommendationStore>().AddSingleton<LiveRoomCandidates>().AddSingleton<ChangedProfiles>().AddSingleton<RecommendationService>();
        services.AddHostedService<RecommendationRefresher>();
        services.AddAds();
        services.AddErasure();
        services.AddWebhooks();
        services.AddWebhookEffectChecks();
        services.AddRoomLogWebhooks();
        services.AddRoomDataStores();
        services.AddUserDataStores();
        services.AddSingleton<IHealthProbe, TablesHealthProbe>().AddSingleton<HealthService>();
        services.AddSingleton<DependenciesHealthCheck>().AddSingleton<StreamReadinessCheck>();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The worker answers."), tags: [HealthTags.Live])
            .AddCheck<DependenciesHealthCheck>("dependencies", tags: [HealthTags.Ready])
            .AddCheck<StreamReadinessCheck>("stream", tags: [HealthTags.Ready]);
        services.AddTelemetry();
        return services;
    }

    /// <summary>
    /// Every store that keeps data about users, as a plug-in of erasure and export (<see cref="IUserDataEraser"/>,
    /// <see cref="IUserDataExporter"/>). Erasure runs them in this order: live connections first, so nothing more reaches the user
    /// while the rest is erased; the <c>user.erased</c> webhook last. A new store that holds user data is added here.
    /// </summary>
    private static void AddUserDataStores(this IServiceCollection services)
    {
        services.AddUserData<RealtimeUserData>();
        services.AddUserData<PresenceStore>();
        services.AddUserData<UserStore>();
        services.AddUserData<ProfileStore>();
        services.AddUserData<RecommendationStore>();
        services.AddUserData<CoEngagementStore>();
        services.AddUserData<ClientRetryFilter>();
        services.AddUserData<AdLedgerStore>();
        services.AddUserData<FollowStore>();
        services.AddUserData<ChatMessageStore>();
        services.AddUserData<RoomLogStore>();
        services.AddUserData<ChatStateUserData>();
        services.AddUserData<ModerationLogStore>();
        services.AddUserData<DeadLetterStore>();
        services.AddUserData<WalletStore>();
        services.AddUserData<RoomStatsUserData>();
        services.AddUserData<WebhookUserErasure>();
        services.AddSingleton<UserDataExports>();
    }

    /// <summary>chat.message and moderation.action webhooks from the room log: an observer of commits and a sweeper for what it missed.</summary>
    private static void AddRoomLogWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<RoomLogWebhooks>().AddSingleton<WebhookRoomLogObserver>();
        services.AddSingleton<IRoomLogObserver>(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService<RoomLogWebhookSweeper>();
    }

    /// <summary>
    /// What a room's delete removes before the room record (<see cref="IRoomDataEraser"/>, in this order), and who hears of a room's
    /// change (<see cref="IRoomChangeListener"/>: chat's lanes).
    /// </summary>
    private static void AddRoomDataStores(this IServiceCollection services)
    {
        services.AddSingleton<IRoomDataEraser>(sp => sp.GetRequiredService<RoomLogStore>());
        services.AddSingleton<IRoomDataEraser>(sp => sp.GetRequiredService<ModerationLogStore>());
        services.AddSingleton<IRoomDataEraser>(sp => sp.GetRequiredService<PresenceStore>());
        services.AddSingleton<IRoomDataEraser>(sp => sp.GetRequiredService<RoomStatsStore>());
        services.AddSingleton<IRoomChangeListener>(sp => sp.GetRequiredService<RoomLogWriter>());
    }

    /// <summary>The checks the webhook relay asks whether an intent's write happened, one per capability that records intents.</summary>
    private static void AddWebhookEffectChecks(this IServiceCollection services)
    {
        services.AddSingleton<IWebhookEffectCheck, RoomWebhookEffects>();
        services.AddSingleton<IWebhookEffectCheck, WalletWebhookEffects>();
        services.AddSingleton<IWebhookEffectCheck, CampaignWebhookEffects>();
    }

    /// <summary>The usage meter, its flusher (a hosted service that is also called before every usage read) and its store.</summary>
    private static void AddUsage(this IServiceCollection services)
    {
        services.AddSingleton<UsageMeter>().AddSingleton<UsageStore>().AddSingleton<UsageService>().AddSingleton<UsageMiddleware>();
        services.AddSingleton<UsageFlusher>().AddHostedService(sp => sp.GetRequiredService<UsageFlusher>());
        services.AddTransient<SignalRUsageHandler>();
    }

    /// <summary>The interaction publisher and the hosted stream processor with its checkpoint store and pipeline; Cosmos DB for its documents.</summary>
    private static void AddStream(this IServiceCollection services)
    {
        services.AddSingleton<CosmosDatabase>();
        services.AddHostedService<CosmosInitializer>();
        services.AddSingleton<IHealthProbe, CosmosHealthProbe>();

        services.AddSingleton<InteractionPublisher>();
        services.AddSingleton<IHealthProbe, EventHubsHealthProbe>();

        services.AddSingleton<TableCheckpointStore>().AddSingleton<DeadLetterStore>().AddSingleton<ClientRetryFilter>().AddSingleton<StreamProgress>();
        services.AddSingleton<StreamMetrics>().AddSingleton<InteractionPipeline>().AddSingleton<InteractionProcessorFactory>();
        services.AddHostedService<InteractionProcessorHost>();
    }

    /// <summary>
    /// The gift catalog, wallets, gift payments with their outbox, and the earnings handler (after room statistics would be fine too:
    /// handlers are independent and each exactly once).
    /// </summary>
    private static void AddEconomy(this IServiceCollection services)
    {
        services.AddSingleton<GiftCatalogStore>().AddSingleton<GiftCatalogService>();
        services.AddSingleton<WalletStore>().AddSingleton<WalletService>().AddSingleton<GiftOutbox>().AddSingleton<EconomyMetrics>().AddSingleton<GiftPayments>();
        services.AddSingleton<IInteractionBatchHandler, EarningsHandler>();
    }

    /// <summary>
    /// Campaigns and reports, the decision with its in-memory serving state (one lease wallet per process, an index refreshed by a
    /// hosted service), the pacing timer's service, and the tracking handler — registered after the other stream handlers.
    /// </summary>
    private static void AddAds(this IServiceCollection services)
    {
        services.AddSingleton(sp => AdPolicy.Default with
        {
            ClickDwell = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AdsOptions>>().Value.ClickDwellSeconds),
        });
        services.AddSingleton<ImpressionTokenKey>();
        services.AddSingleton<CampaignStore>().AddSingleton<CampaignDeliveryStore>().AddSingleton<AdLedgerStore>().AddSingleton<CampaignService>();
        services.AddSingleton<AdServingState>().AddSingleton<CampaignMirror>().AddSingleton<AdDecisionService>().AddSingleton<PacingService>();
        services.AddHostedService<AdServingRefresher>();
        services.AddSingleton<IInteractionBatchHandler, AdTrackingHandler>();
    }

    private static void AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton<SignalRTokens>();
        services.AddHttpClient<SignalRClient>().AddHttpMessageHandler<SignalRUsageHandler>().AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            resilience.Retry.MaxRetryAttempts = 2;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
        });
        services.AddSingleton<RoomNotifier>();
        services.AddSingleton<IHealthProbe, SignalRHealthProbe>();
    }

    private static void AddSettings(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => !SecretSettings.IsUnresolvedKeyVaultReference(o.ApiKey), SecretSettings.UnresolvedMessage("Admin:ApiKey"))
            .Validate(o => o.ApiKey.Length >= AdminOptions.MinimumKeyLength, $"Admin:ApiKey must be at least {AdminOptions.MinimumKeyLength} characters.")
            .ValidateOnStart();
        services.AddOptions<ManagedIdentityOptions>().BindConfiguration(ManagedIdentityOptions.Section);
        services.AddOptions<TablesOptions>().BindConfiguration(TablesOptions.Section)
            .Validate(o => o.ConnectionString is not null || o.ServiceUri is not null, "Set Tables:ConnectionString (local) or Tables:ServiceUri (Azure).")
            .ValidateOnStart();
        services.AddOptions<UserTokenOptions>().BindConfiguration(UserTokenOptions.Section)
            .Validate(o => !SecretSettings.IsUnresolvedKeyVaultReference(o.SigningKey), SecretSettings.UnresolvedMessage("UserTokens:SigningKey"))
            .Validate(o => Encoding.UTF8.GetByteCount(o.SigningKey) >= 32, "UserTokens:SigningKey must be at least 32 bytes.")
            .Validate(o => o.LifetimeMinutes >= 1 && o.LifetimeMinutes <= o.MaxLifetimeMinutes, "UserTokens:LifetimeMinutes must be between 1 and MaxLifetimeMinutes.")
            .ValidateOnStart();
        services.AddOptions<CosmosOptions>().BindConfiguration(CosmosOptions.Section)
            .Validate(o => o.ConnectionString is { Length: > 0 } || o.AccountEndpoint is not null, "Set Cosmos:ConnectionString (local) or Cosmos:AccountEndpoint (Azure).")
            .ValidateOnStart();
        services.AddOptions<EventHubsOptions>().BindConfiguration(EventHubsOptions.Section)
            .Validate(o => o.ConnectionString is { Length: > 0 } || o.FullyQualifiedNamespace is { Length: > 0 }, "Set EventHubs:ConnectionString (local) or EventHubs:FullyQualifiedNamespace (Azure).")
            .ValidateOnStart();
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section)
            .Validate(o => o.WatchCreditSeconds >= 1, "Presence:WatchCreditSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AdsOptions>().BindConfiguration(AdsOptions.Section)
            .Validate(o => !SecretSettings.IsUnresolvedKeyVaultReference(o.ImpressionTokenKey), SecretSettings.UnresolvedMessage("Ads:ImpressionTokenKey"))
            .Validate(o => Encoding.UTF8.GetByteCount(o.ImpressionTokenKey) >= ImpressionToken.MinKeyBytes, "Ads:ImpressionTokenKey must be at least 32 bytes.")
            .Validate(o => o.ClickDwellSeconds is >= 0 and <= 300, "Ads:ClickDwellSeconds must be between 0 and 300 (a token lives 5 minutes).")
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section)
            .Validate(o => o.TenantEventsPerSecond >= 1 && o.LikesPerMinute >= 1 && o.SharesPerMinute >= 1 && o.AdDecisionsPerMinute >= 1 &&
                o.PartnerRequestsPerMinute >= 1 && o.WebhookDeliveriesPerMinute >= 1, "Every Limits setting must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<WebhooksOptions>().BindConfiguration(WebhooksOptions.Section)
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.FirstRetryDelay <= TimeSpan.FromHours(1), "Webhooks:FirstRetryDelay must be between 0 and 1 hour.")
            .ValidateOnStart();
        services.AddOptions<RoomEventsOptions>().BindConfiguration(RoomEventsOptions.Section)
            .Validate(o => o.BatchWindowMilliseconds is >= 0 and <= 5000, "RoomEvents:BatchWindowMilliseconds must be between 0 and 5000.")
            .ValidateOnStart();
        services.AddOptions<ProcessorOptions>().BindConfiguration(ProcessorOptions.Section)
            .Validate(o => o.MaxBatchSize >= 1, "Processor:MaxBatchSize must be at least 1.")
            .Validate(o => o.PrefetchCount >= 0, "Processor:PrefetchCount must be at least 0.")
            .Validate(o => o.MaximumWaitTime > TimeSpan.Zero, "Processor:MaximumWaitTime must be positive.")
            .Validate(o => o.LoadBalancingUpdateInterval > TimeSpan.Zero, "Processor:LoadBalancingUpdateInterval must be positive.")
            .Validate(o => o.PartitionOwnershipExpirationInterval > o.LoadBalancingUpdateInterval,
                "Processor:PartitionOwnershipExpirationInterval must be longer than Processor:LoadBalancingUpdateInterval (claims are renewed at every update).")
            .ValidateOnStart();
        services.AddOptions<AdServingOptions>().BindConfiguration(AdServingOptions.Section)
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "AdServing:RefreshInterval must be positive.")
            .Validate(o => o.FullResyncInterval >= o.RefreshInterval, "AdServing:FullResyncInterval must be at least AdServing:RefreshInterval.")
            .Validate(o => o.WriteTimeOverlap >= TimeSpan.Zero, "AdServing:WriteTimeOverlap must not be negative.")
            .Validate(o => o.DeliveryRefreshInterval > TimeSpan.Zero, "AdServing:DeliveryRefreshInterval must be positive.")
            .Validate(o => o.MaxDeliveryReadsPerRefresh >= 1, "AdServing:MaxDeliveryReadsPerRefresh must be at least 1.")
            .Validate(o => o.SettlementMargin > TimeSpan.Zero, "AdServing:SettlementMargin must be positive (it covers clock skew and publish retries).")
            .Validate(o => o.Parallelism >= 1, "AdServing:Parallelism must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<SignalROptions>().BindConfiguration(SignalROptions.Section)
            .Validate(o => !SecretSettings.IsUnresolvedKeyVaultReference(o.ConnectionString), SecretSettings.UnresolvedMessage("SignalR:ConnectionString"))
            .Validate(o => IsValidSignalRConnectionString(o.ConnectionString), "SignalR:ConnectionString must be 'Endpoint=...;AccessKey=<at least 32 bytes>;Version=1.0;'.")
            .ValidateOnStart();
    }

    private static bool IsValidSignalRConnectionString(string connectionString)
    {
        try
        {
            return Encoding.UTF8.GetByteCount(SignalRConnectionString.Parse(connectionString).AccessKey) >= 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The Azure SDK clients, registered with Microsoft.Extensions.Azure: one credential for all of them, each client's options in
    /// one place, and the clients disposed with the container. A client is built from its settings section as the environment
    /// sets it: a connection string locally (Azurite, our Event Hubs emulator), an endpoint with the managed identity in Azure.
    /// </summary>
    private static void AddAzureSdkClients(this IServiceCollection services)
    {
        // In Azure the user-assigned identity is named explicitly (deterministic, no probing of developer credentials);
        // without one (a developer pointing DevHost at real resources) the usual developer credential chain applies.
        // Also a service of its own: the stream processor and the Cosmos DB client are built outside the client factory.
        services.AddSingleton<TokenCredential>(sp => sp.GetRequiredService<IOptions<ManagedIdentityOptions>>().Value.ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential());
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => sp.GetRequiredService<TokenCredential>());
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<TablesOptions>>().Value;
                return options.ConnectionString is { Length: > 0 } connectionString
                    ? new TableServiceClient(connectionString, clientOptions)
                    : new TableServiceClient(options.ServiceUri, credential, clientOptions);
            })
                .ConfigureOptions(options =>
                {
                    options.Retry.MaxRetries = 2;
                    options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
                });
            clients.AddClient<EventHubProducerClient, EventHubProducerClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<EventHubsOptions>>().Value;
                return options.ConnectionString is { Length: > 0 } connectionString
                    ? new EventHubProducerClient(connectionString, options.HubName, clientOptions)
                    : new EventHubProducerClient(options.FullyQualifiedNamespace, options.HubName, credential, clientOptions);
            })
                .ConfigureOptions(options => options.RetryOptions = new EventHubsRetryOptions
                {
                    MaximumRetries = 2, Delay = TimeSpan.FromMilliseconds(300), MaximumDelay = TimeSpan.FromSeconds(2), TryTimeout = TimeSpan.FromSeconds(10),
                });
        });

        // The factory forwards the Azure SDKs' event sources to the app's logs; their Information level is a line per HTTP request.
        // Warnings and errors (a failing credential, a lost AMQP link) are what belongs in the app's logs; operators can lower
        // this per category (Logging__LogLevel__Azure.Core=Information).
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));

        // Cosmos DB's client is not one Microsoft.Extensions.Azure builds: registered here, once, with the same choice.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosOptions>>().Value;
            var clientOptions = new CosmosClientOptions
            {
                Serializer = new CosmosJsonSerializer(StorageJson.Options),
                MaxRetryAttemptsOnRateLimitedRequests = 5,
                RequestTimeout = TimeSpan.FromSeconds(10),
                // Cosmos DB calls appear as spans of the request or batch that made them (Azure.Cosmos.Operation).
                CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions { DisableDistributedTracing = false },
            };
            if (options.ConnectionString is { Length: > 0 } connectionString)
            {
                // The local stand-in speaks the gateway protocol only, on its one endpoint.
                clientOptions.ConnectionMode = ConnectionMode.Gateway;
                clientOptions.LimitToEndpoint = true;
                return new CosmosClient(connectionString, clientOptions);
            }

            return new CosmosClient(options.AccountEndpoint!.ToString(), sp.GetRequiredService<TokenCredential>(), clientOptions);
        });
    }
}
