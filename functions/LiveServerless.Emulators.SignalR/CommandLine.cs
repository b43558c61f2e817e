using System.Globalization;

namespace LiveServerless.Emulators.SignalR;

/// <summary>The stand-alone emulator's arguments, read into <see cref="SignalREmulatorOptions"/>.</summary>
internal sealed record CommandLine(SignalREmulatorOptions Options)
{
    public const string Usage = """
        Usage: signalr-emulator --access-key <key> [options]
          --access-key <key>   the key tokens must be signed with, at least 32 bytes (required)
          --port <n>           HTTP port (default 8888; 0 picks a free one)
          --host <address>     loopback address to listen on (default 127.0.0.1)
        """;

    /// <summary>Reads <paramref name="args"/>; throws <see cref="FormatException"/> naming the argument that is wrong or missing.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? accessKey = null;
        var port = 8888;
        var host = "127.0.0.1";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (++i >= args.Count)
            {
                throw new FormatException(name.StartsWith("--", StringComparison.Ordinal) ? $"'{name}' needs a value." : $"Unknown argument '{name}'.");
            }

            var value = args[i];
            switch (name)
            {
                case "--access-key":
                    accessKey = value;
                    break;
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : throw new FormatException($"'--port {value}' is not a number.");
                    break;
                case "--host":
                    host = value;
                    break;
                default:
                    throw new FormatException($"Unknown argument '{name}'.");
            }
        }

        return accessKey is null
            ? throw new FormatException("--access-key is required.")
            : new CommandLine(new SignalREmulatorOptions { AccessKey = accessKey, Port = port, Host = host });
    }
}
