using System.Net;
using System.Net.Sockets;

namespace LiveServerless.DevHost.Local;

public static class Ports
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> IsOpenAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static async Task WaitUntilOpenAsync(string host, int port, TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsOpenAsync(host, port, cancellationToken))
        {
            if (hasExited())
            {
                throw new InvalidOperationException($"The process meant to listen on {host}:{port} exited before it started listening.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Nothing listened on {host}:{port} within {timeout.TotalSeconds:0}s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
