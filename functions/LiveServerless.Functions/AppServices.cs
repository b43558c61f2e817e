using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Health;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Tenants;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        services.AddMetrics();
        services.AddSettings();
        services.AddAzureClients();
        services.AddSingleton<TableProvider>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<RequestGuard>();
        services.AddSingleton<TenantStore>().AddSingleton<TenantService>();
        services.AddSingleton<UserStore>().AddSingleton<UserService>();
        services.AddSingleton<RoomStore>().AddSingleton<RoomService>();
        services.AddRealtime();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<ChatMessageStore>().AddSingleton<ChatStateStore>().AddSingleton<ChatRateLimiter>().AddSingleton<ChatService>();
        services.AddSingleton<PresenceStore>().AddSingleton<ViewerCountChanges>().AddSingleton<PresenceService>();
        services.AddHostedService<ViewerCountPublisher>();
        services.AddSingleton<ModerationLogStore>().AddSingleton<ModerationService>();
        services.AddSingleton<IHealthProbe, TablesHealthProbe>().AddSingleton<HealthService>();
        return services;
    }

    private static void AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton<SignalRTokens>();
        services.AddHttpClient<SignalRClient>().AddStandardResilienceHandler(resilience =>
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
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddOptions<ManagedIdentityOptions>().BindConfiguration(ManagedIdentityOptions.Section);
        services.AddOptions<TablesOptions>().BindConfiguration(TablesOptions.Section)
            .Validate(o => o.ConnectionString is not null || o.ServiceUri is not null, "Set Tables:ConnectionString (local) or Tables:ServiceUri (Azure).")
            .ValidateOnStart();
        services.AddOptions<UserTokenOptions>().BindConfiguration(UserTokenOptions.Section)
            .Validate(o => Encoding.UTF8.GetByteCount(o.SigningKey) >= 32, "UserTokens:SigningKey must be at least 32 bytes.")
            .Validate(o => o.LifetimeMinutes >= 1 && o.LifetimeMinutes <= o.MaxLifetimeMinutes, "UserTokens:LifetimeMinutes must be between 1 and MaxLifetimeMinutes.")
            .ValidateOnStart();
        services.AddOptions<SignalROptions>().BindConfiguration(SignalROptions.Section)
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

    private static void AddAzureClients(this IServiceCollection services)
    {
        // In Azure the user-assigned identity is named explicitly (deterministic, no probing of developer credentials);
        // without one (a developer pointing DevHost at real resources) the usual developer credential chain applies.
        services.AddSingleton<TokenCredential>(sp => sp.GetRequiredService<IOptions<ManagedIdentityOptions>>().Value.ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TablesOptions>>().Value;
            var clientOptions = new TableClientOptions();
            clientOptions.Retry.MaxRetries = 2;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            return options.ConnectionString is { Length: > 0 } connectionString
                ? new TableServiceClient(connectionString, clientOptions)
                : new TableServiceClient(options.ServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions);
        });
    }
}
