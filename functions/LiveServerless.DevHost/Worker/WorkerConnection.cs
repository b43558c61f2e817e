using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using LiveServerless.DevHost.Worker.Protocol;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// One open <c>FunctionRpc.EventStream</c> with a worker: requests matched to their responses by request id, invocations by
/// invocation id, logs handed to <see cref="WorkerLog"/>. Writes go through one queue because a gRPC stream takes one writer at a time.
/// </summary>
public sealed class WorkerConnection
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();

    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly WorkerLog _log;

    public WorkerConnection(string workerId, WorkerLog log)
    {
        WorkerId = workerId;
        _log = log;
    }

    public string WorkerId { get; }

    /// <summary>Completes when the stream ends, for whatever reason (the worker exited, or DevHost is stopping).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Runs the stream until the worker hangs up or <paramref name="cancellationToken"/> fires; called by the gRPC service.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> incoming, IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        var writer = WriteAllAsync(outgoing, cancellationToken);
        try
        {
            while (await incoming.MoveNext(cancellationToken))
            {
                Dispatch(incoming.Current);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException || exception is Grpc.Core.RpcException { StatusCode: StatusCode.Cancelled })
        {
            // The worker process went away or DevHost is stopping: both end the stream, and the supervisor decides what follows.
        }
        finally
        {
            Close();
            await writer;
        }
    }

    /// <summary>Sends a request and waits for the response that echoes its request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, CancellationToken cancellationToken)
    {
        request.RequestId = Guid.NewGuid().ToString("N");
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[request.RequestId] = response;
        try
        {
            Send(request);
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _requests.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Sends an invocation and waits for the worker's answer (or for the stream to close, which fails it).</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[invocation.InvocationId] = response;
        try
        {
            Send(new StreamingMessage { InvocationRequest = invocation });
            using var cancel = cancellationToken.Register(() => Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocation.InvocationId } }));
            return await response.Task;
        }
        finally
        {
            _invocations.TryRemove(invocation.InvocationId, out _);
        }
    }

    /// <summary>Tells the worker to exit; it does not answer.</summary>
    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    private void Send(StreamingMessage message)
    {
        if (!_outgoing.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException($"The worker connection {WorkerId} is closed.");
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                await outgoing.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream is gone; pending callers are failed by Close.
            Close();
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                _log.Write(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            default:
                if (_requests.TryGetValue(message.RequestId, out var request))
                {
                    request.TrySetResult(message);
                }

                break;
        }
    }

    private void Close()
    {
        _outgoing.Writer.TryComplete();
        var closed = new WorkerUnavailableException($"The worker connection {WorkerId} closed.");
        foreach (var pending in _requests.Values)
        {
            pending.TrySetException(closed);
        }

        foreach (var pending in _invocations.Values)
        {
            pending.TrySetException(closed);
        }

        _closed.TrySetResult();
    }
}

/// <summary>The worker is not running (starting, restarting, or stopped), so nothing can be invoked right now.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);
