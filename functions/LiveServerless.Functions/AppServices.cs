using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Health;
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
        services.AddSettings();
        services.AddAzureClients();
        services.AddSingleton<TableProvider>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<RequestGuard>();
        services.AddSingleton<TenantStore>().AddSingleton<TenantService>();
        services.AddSingleton<UserStore>().AddSingleton<UserService>();
        services.AddSingleton<RoomStore>().AddSingleton<RoomService>();
        services.AddSingleton<IHealthProbe, TablesHealthProbe>().AddSingleton<HealthService>();
        return services;
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
    }

    private static void AddAzureClients(this IServiceCollection services)
    {
        services.AddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = sp.GetRequiredService<IOptions<ManagedIdentityOptions>>().Value.ClientId,
        }));
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
