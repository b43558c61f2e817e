using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Functions.Erasure;

public static class ErasureRegistration
{
    /// <summary>
    /// The erasure job, its worker and the stream's tombstone filter. The stores it erases are the registered
    /// <c>IUserDataEraser</c>s (AppServices lists them in erasure order; docs/architecture.md names them).
    /// </summary>
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddSingleton<ErasureStore>().AddSingleton<ErasureService>().AddSingleton<ErasedUserFilter>();
        services.AddSingleton<IUserIdReservations>(sp => sp.GetRequiredService<ErasureService>());
        services.AddSingleton<IInteractionFilter>(sp => sp.GetRequiredService<ErasedUserFilter>());
        services.AddHostedService<ErasureWorker>();
        return services;
    }
}
