using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveServerless.Functions.UserData;

public static class UserDataRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/> (once, as a singleton) as the eraser and/or exporter it implements. Erasure runs the
    /// erasers in the order they are registered here.
    /// </summary>
    public static IServiceCollection AddUserData<TStore>(this IServiceCollection services)
        where TStore : class
    {
        services.TryAddSingleton<TStore>();
        if (typeof(IUserDataEraser).IsAssignableFrom(typeof(TStore)))
        {
            services.AddSingleton(sp => (IUserDataEraser)sp.GetRequiredService<TStore>());
        }

        if (typeof(IUserDataExporter).IsAssignableFrom(typeof(TStore)))
        {
            services.AddSingleton(sp => (IUserDataExporter)sp.GetRequiredService<TStore>());
        }

        return services;
    }
}
