using Microsoft.Extensions.Hosting;

namespace LiveServerless.Emulators.SignalR;

/// <summary>
/// Replaces the console lifetime that even an empty WebApplication builder registers: the emulator lives inside another host
/// (DevHost, a test), so Ctrl+C and SIGTERM belong to that host, which stops the emulator through <see cref="SignalREmulator.StopAsync"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
