namespace LiveServerless.DevHost.Worker;

/// <summary>
/// How to start the function app's worker: its build output (where functions.metadata, worker.config.json and host.json are),
/// DevHost's gRPC address for it to dial, and the app settings it gets as environment variables (<c>Section__Key</c>).
/// </summary>
public sealed record WorkerStartInfo(string AppDirectory, string AssemblyName, Uri HostEndpoint, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The largest gRPC message the worker accepts; the Functions host passes int.MaxValue too.</summary>
    public const int GrpcMaxMessageLength = int.MaxValue;

    public string AssemblyPath => Path.Combine(AppDirectory, AssemblyName + ".dll");
}
