using Grpc.Core;
using LiveServerless.DevHost.Worker.Protocol;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// The host side of <c>FunctionRpc.EventStream</c>: the worker dials in and opens with <c>start_stream</c> naming its worker id;
/// the stream is handed to the <see cref="FunctionWorkerHost"/> that started that worker and kept open until either side ends it.
/// </summary>
public sealed class FunctionRpcService(FunctionWorkerHost host, WorkerLog log) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.StartStream is not { } start)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.InvalidArgument, "A worker must open the stream with start_stream."));
        }

        var connection = new WorkerConnection(start.WorkerId, log);
        if (!host.Accept(connection))
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.PermissionDenied, $"No worker with id {start.WorkerId} was started by this host."));
        }

        await connection.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
