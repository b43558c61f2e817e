namespace LiveServerless.DevHost;

/// <summary>
/// DevHost's console output: one line per log entry ("warn: Category: message"), the exception's text when there is one. Writes go
/// to one <see cref="TextWriter"/> (the console, or a test's capture) under a lock, so lines from the worker and DevHost never interleave.
/// </summary>
public sealed class DevHostOutput(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void WriteBlock(string text)
    {
        lock (_gate)
        {
            writer.Write(text);
            writer.Flush();
        }
    }

    public void Dispose()
    {
    }

    private void WriteLine(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{Label(level)}: {category}: {message}{(exception is null ? "" : Environment.NewLine + exception)}";
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class LineLogger(DevHostOutput output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                output.WriteLine(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
