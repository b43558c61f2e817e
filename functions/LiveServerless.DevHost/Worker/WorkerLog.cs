using System.Collections.Concurrent;
using LiveServerless.DevHost.Worker.Protocol;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// Writes the worker's logs (it logs nothing to stdout: every line arrives as an <c>rpc_log</c>) into DevHost's output, under
/// <c>Function.&lt;name&gt;</c> while an invocation is running and <c>Worker.&lt;category&gt;</c> otherwise, so DevHost's log filters apply.
/// </summary>
public sealed class WorkerLog(ILoggerFactory loggers)
{
    /// <summary>
    /// How many finished invocations are still remembered: the worker may send an invocation's last log lines after its response,
    /// so a function's name is kept for a while after the call ends instead of being forgotten with it.
    /// </summary>
    private const int RememberedInvocations = 4096;

    private readonly ConcurrentDictionary<string, string> _functionOfInvocation = new();

    private readonly ConcurrentQueue<string> _finished = new();

    private readonly ConcurrentDictionary<string, ILogger> _loggers = new();

    public IDisposable Track(string invocationId, string functionName)
    {
        _functionOfInvocation[invocationId] = functionName;
        return new Finish(this, invocationId);
    }

    public void Write(RpcLog log)
    {
        var category = !string.IsNullOrEmpty(log.InvocationId) && _functionOfInvocation.TryGetValue(log.InvocationId, out var function)
            ? "Function." + function
            : "Worker." + (string.IsNullOrEmpty(log.Category) ? "Host" : log.Category);
        var logger = _loggers.GetOrAdd(category, loggers.CreateLogger);
        var level = ToLogLevel(log.Level);
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var message = log.Exception is { } exception ? log.Message + Environment.NewLine + Describe(exception) : log.Message;
#pragma warning disable CA2254 // The worker already formatted the message; it has no template.
        logger.Log(level, message);
#pragma warning restore CA2254
    }

    /// <summary>The .NET worker sends the whole exception text (type, message, stack) as the message; others split it up.</summary>
    private static string Describe(RpcException exception) =>
        string.IsNullOrEmpty(exception.Type) ? exception.Message : $"{exception.Type}: {exception.Message}{Environment.NewLine}{exception.StackTrace}";

    private static LogLevel ToLogLevel(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => LogLevel.Trace,
        RpcLog.Types.Level.Debug => LogLevel.Debug,
        RpcLog.Types.Level.Information => LogLevel.Information,
        RpcLog.Types.Level.Warning => LogLevel.Warning,
        RpcLog.Types.Level.Error => LogLevel.Error,
        RpcLog.Types.Level.Critical => LogLevel.Critical,
        _ => LogLevel.None,
    };

    private void Finished(string invocationId)
    {
        _finished.Enqueue(invocationId);
        while (_finished.Count > RememberedInvocations && _finished.TryDequeue(out var oldest))
        {
            _functionOfInvocation.TryRemove(oldest, out _);
        }
    }

    private sealed class Finish(WorkerLog log, string invocationId) : IDisposable
    {
        public void Dispose() => log.Finished(invocationId);
    }
}
