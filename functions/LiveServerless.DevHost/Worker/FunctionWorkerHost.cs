using System.Diagnostics;
using System.Globalization;
using LiveServerless.DevHost.Local;
using LiveServerless.DevHost.Worker.Protocol;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// Runs the function app's worker as the Functions host does: starts the process with the host's arguments, accepts its
/// gRPC stream, initialises it, asks for its function metadata and loads every function. Invocations go to the current
/// session. When the worker dies it says so and starts a new one; callers wait for it instead of failing.
/// </summary>
public sealed class FunctionWorkerHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan WaitForRestart = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stopping = new();

    private readonly Lock _gate = new();

    private readonly WorkerLog _workerLog;

    private readonly ILogger<FunctionWorkerHost> _logger;

    private TaskCompletionSource<WorkerSession> _ready = NewReady();

    private TaskCompletionSource<WorkerConnection>? _expectedConnection;

    private string? _expectedWorkerId;

    private Task? _supervisor;

    private WorkerSession? _current;

    private int _shutDown;

    public FunctionWorkerHost(WorkerLog workerLog, IHostApplicationLifetime lifetime, ILogger<FunctionWorkerHost> logger)
    {
        _workerLog = workerLog;
        _logger = logger;
        // Ctrl+C: from now on a worker that goes away is not replaced, and the running one is told to finish at once.
        lifetime.ApplicationStopping.Register(BeginShutdown);
    }

    /// <summary>Raised whenever a worker has loaded its functions (first start and every restart).</summary>
    public event Action<WorkerSession>? Loaded;

    /// <summary>The running session, if any.</summary>
    public WorkerSession? Current => _current;

    /// <summary>Starts the first worker and returns once its functions are loaded; a worker that cannot start fails this call.</summary>
    public async Task<WorkerSession> StartAsync(WorkerStartInfo startInfo, CancellationToken cancellationToken)
    {
        var first = await StartSessionAsync(startInfo, cancellationToken);
        Publish(first);
        _supervisor = SuperviseAsync(startInfo, first, _stopping.Token);
        return first;
    }

    /// <summary>The session to invoke, waiting while a worker is (re)starting.</summary>
    public Task<WorkerSession> ReadyAsync(CancellationToken cancellationToken)
    {
        Task<WorkerSession> ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        return ready.WaitAsync(WaitForRestart, cancellationToken);
    }

    /// <summary>Invokes a function on the current worker; <paramref name="build"/> fills in the trigger data for the function it is given.</summary>
    public async Task<InvocationResponse> InvokeAsync(string functionName, string invocationId, Action<WorkerFunction, InvocationRequest> build, CancellationToken cancellationToken)
    {
        var session = await ReadyAsync(cancellationToken);
        var function = session.Function(functionName);
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = function.Id };
        build(function, request);
        // The worker reads the trace context of every invocation; start a trace where the trigger brought none (timers).
        request.TraceContext ??= new RpcTraceContext
        {
            TraceParent = Activity.Current?.Id ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00",
            TraceState = Activity.Current?.TraceStateString ?? "",
        };
        using var tracked = _workerLog.Track(invocationId, function.Name);
        return await session.Connection.InvokeAsync(request, cancellationToken);
    }

    /// <summary>Called by the gRPC service when a worker opens its stream; true when it is the worker this host is waiting for.</summary>
    public bool Accept(WorkerConnection connection)
    {
        lock (_gate)
        {
            return connection.WorkerId == _expectedWorkerId && _expectedConnection!.TrySetResult(connection);
        }
    }

    /// <summary>The worker starts once DevHost's gRPC endpoint listens (<see cref="StartAsync(WorkerStartInfo, CancellationToken)"/>), not here.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops the worker while the emulators it talks to are still up.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => ShutDownAsync().AsTask();

    public ValueTask DisposeAsync() => ShutDownAsync();

    private void BeginShutdown()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        try
        {
            _current?.Connection.Terminate(TimeSpan.FromSeconds(5));
        }
        catch (WorkerUnavailableException)
        {
            // Already gone.
        }
    }

    private async ValueTask ShutDownAsync()
    {
        if (Interlocked.Exchange(ref _shutDown, 1) == 1)
        {
            return;
        }

        BeginShutdown();
        if (_supervisor is not null)
        {
            await _supervisor;
        }

        if (_current is { } session)
        {
            await StopWorkerAsync(session);
        }
    }

    private static TaskCompletionSource<WorkerSession> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Publish(WorkerSession session)
    {
        lock (_gate)
        {
            _current = session;
            _ready.TrySetResult(session);
        }

        Loaded?.Invoke(session);
    }

    private async Task SuperviseAsync(WorkerStartInfo startInfo, WorkerSession session, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.WhenAny(session.Process.WaitForExitAsync(stopping), session.Connection.Closed).WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            lock (_gate)
            {
                _current = null;
                _ready = NewReady();
            }

            _logger.LogError("The worker (process {ProcessId}) {How}; starting a new one.", session.Process.Id, await HowItEndedAsync(session.Process));
            await StopWorkerAsync(session);
            session = await RestartAsync(startInfo, stopping) ?? session;
            if (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>A killed worker's stream usually closes a moment before its exit is observed; wait briefly to report the exit code.</summary>
    private static async Task<string> HowItEndedAsync(Process process)
    {
        using var moment = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await process.WaitForExitAsync(moment.Token);
            return $"exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}";
        }
        catch (OperationCanceledException)
        {
            return "closed its stream but is still running";
        }
    }

    private async Task<WorkerSession?> RestartAsync(WorkerStartInfo startInfo, CancellationToken stopping)
    {
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                var session = await StartSessionAsync(startInfo, stopping);
                _logger.LogWarning("Restarted the worker: process {ProcessId}, {Count} functions loaded.", session.Process.Id, session.Functions.Count);
                Publish(session);
                return session;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                _logger.LogError(exception, "Starting the worker failed (attempt {Attempt}); trying again.", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private async Task<WorkerSession> StartSessionAsync(WorkerStartInfo startInfo, CancellationToken cancellationToken)
    {
        var workerId = Guid.NewGuid().ToString();
        var connected = new TaskCompletionSource<WorkerConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _expectedWorkerId = workerId;
            _expectedConnection = connected;
        }

        var process = StartProcess(startInfo, workerId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(connected.Task, exited);
            if (first != connected.Task)
            {
                await exited;
                throw new InvalidOperationException($"The worker exited with code {process.ExitCode} before it connected.");
            }

            var connection = await connected.Task;
            var httpUri = await InitializeAsync(connection, startInfo, timeout.Token);
            var functions = await LoadFunctionsAsync(connection, startInfo, timeout.Token);
            // The worker answers the stream before its ASP.NET Core server listens; requests forwarded earlier would be refused.
            await Ports.WaitUntilOpenAsync(httpUri.Host, httpUri.Port, StartTimeout, () => process.HasExited, timeout.Token);
            return new WorkerSession(process, connection, httpUri, functions);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static async Task<Uri> InitializeAsync(WorkerConnection connection, WorkerStartInfo startInfo, CancellationToken cancellationToken)
    {
        var response = (await connection.RequestAsync(
            new StreamingMessage
            {
                WorkerInitRequest = new WorkerInitRequest
                {
                    HostVersion = "4.0.0-devhost",
                    WorkerDirectory = startInfo.AppDirectory,
                    FunctionAppDirectory = startInfo.AppDirectory,
                },
            },
            cancellationToken)).WorkerInitResponse;
        EnsureSuccess(response.Result, "Worker initialisation");
        return response.Capabilities.TryGetValue("HttpUri", out var httpUri)
            ? new Uri(httpUri)
            : throw new InvalidOperationException("The worker announced no HttpUri: the function app must use the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
    }

    private static async Task<IReadOnlyList<WorkerFunction>> LoadFunctionsAsync(WorkerConnection connection, WorkerStartInfo startInfo, CancellationToken cancellationToken)
    {
        var metadata = (await connection.RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = startInfo.AppDirectory } },
            cancellationToken)).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "Function metadata");
        var functions = metadata.FunctionMetadataResults.Select(WorkerFunction.FromMetadata).ToArray();
        await Task.WhenAll(functions.Select(async function =>
        {
            var loaded = (await connection.RequestAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.Id, Metadata = function.Metadata } },
                cancellationToken)).FunctionLoadResponse;
            EnsureSuccess(loaded.Result, $"Loading function '{function.Name}'");
        }));
        return functions;
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result is not null && result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{step} failed: {result.Exception?.Message ?? result.Result}");
        }
    }

    private Process StartProcess(WorkerStartInfo startInfo, string workerId)
    {
        if (!File.Exists(startInfo.AssemblyPath))
        {
            throw new FileNotFoundException($"The function app is not built: {startInfo.AssemblyPath} is missing.", startInfo.AssemblyPath);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(dotnet)
            {
                WorkingDirectory = startInfo.AppDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        foreach (var argument in new[]
        {
            startInfo.AssemblyPath,
            "--functions-uri", startInfo.HostEndpoint.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", WorkerStartInfo.GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture),
        })
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in startInfo.Environment)
        {
            process.StartInfo.Environment[name] = value;
        }

        // The worker logs through rpc_log; anything on its console is the runtime itself speaking (a crash before the stream opened).
        process.OutputDataReceived += (_, e) => Forward(LogLevel.Information, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(LogLevel.Warning, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Forward(LogLevel level, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _logger.Log(level, "worker: {Line}", line);
        }
    }

    private static async Task StopWorkerAsync(WorkerSession session)
    {
        if (!session.Process.HasExited)
        {
            try
            {
                session.Connection.Terminate(TimeSpan.FromSeconds(5));
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await session.Process.WaitForExitAsync(grace.Token);
            }
            catch (Exception exception) when (exception is WorkerUnavailableException or OperationCanceledException)
            {
                // The stream is already gone or the worker ignored terminate: it is killed below.
            }
        }

        Kill(session.Process);
        session.Process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
    }
}
