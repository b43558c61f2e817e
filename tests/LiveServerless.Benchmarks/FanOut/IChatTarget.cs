using System.Net;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// A chat server under test: it is started with its users, listeners connect and join the benchmark room, and users post
/// messages over HTTP. The load generator drives every target through this, so all three get the same load.
/// </summary>
public interface IChatTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The server's root process (the CPU split counts it and every process under it).</summary>
    int ProcessId { get; }

    /// <summary>Starts the server and prepares <paramref name="users"/> users who may listen and post.</summary>
    Task StartAsync(int users, CancellationToken cancellationToken);

    /// <summary>Connects a listener as <paramref name="user"/> and joins the room; it reports what it receives to <paramref name="deliveries"/>.</summary>
    Task<IAsyncDisposable> ListenAsync(int user, Deliveries deliveries, CancellationToken cancellationToken);

    /// <summary>Keeps the listeners' presence fresh where the server expires it (called between phases, never during one).</summary>
    Task KeepPresenceAsync(IReadOnlyList<int> users, CancellationToken cancellationToken);

    /// <summary>Posts a chat message as <paramref name="user"/>; the answer's status code.</summary>
    Task<HttpStatusCode> PostAsync(int user, string text, CancellationToken cancellationToken);
}
