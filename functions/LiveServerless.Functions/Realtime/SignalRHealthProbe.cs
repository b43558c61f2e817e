using LiveServerless.Functions.Health;

namespace LiveServerless.Functions.Realtime;

/// <summary>SignalR Service answers its health endpoint.</summary>
public sealed class SignalRHealthProbe(SignalRClient signalR) : IHealthProbe
{
    public string Name => "signalr";

    public Task ProbeAsync(CancellationToken cancellationToken) => signalR.CheckHealthAsync(cancellationToken);
}
