using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>The stand-alone emulator's arguments, read into <see cref="EventHubsEmulatorOptions"/>.</summary>
internal sealed record CommandLine(EventHubsEmulatorOptions Options, bool Verbose)
{
    public const string Usage = """
        Usage: eventhubs-emulator [options]
          --port <n>                 TCP port for plain AMQP (default 5672; 0 picks a free one)
          --host <address>           address to listen on (default 127.0.0.1)
          --hub <name>:<partitions>  an event hub; repeat for more (default interactions:4)
          --consumer-group <name>    a consumer group of every hub beside $Default; repeat for more
          --data-directory <path>    keep events in files there across restarts (default: in memory)
          --key-name <name>          the shared access key's name (default RootManageSharedAccessKey)
          --key <key>                the shared access key SAS tokens must be signed with (default SAS_KEY_VALUE)
          --tls-certificate <pem>    speak AMQP over TLS with this certificate (and --tls-key <pem>, its private key)
          --verbose                  log every connection, link and token
        """;

    /// <summary>Reads <paramref name="args"/>; throws <see cref="FormatException"/> naming the argument that is wrong.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EventHubsEmulatorOptions();
        var hubs = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var verbose = false;
        string? tlsCertificate = null, tlsKey = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--verbose":
                    verbose = true;
                    continue;
                case "--port":
                    options.Port = Number(name, Value(args, ref i));
                    break;
                case "--host":
                    options.Host = Value(args, ref i);
                    break;
                case "--hub":
                    var (hub, partitions) = Hub(Value(args, ref i));
                    hubs[hub] = partitions;
                    break;
                case "--consumer-group":
                    options.ConsumerGroups.Add(Value(args, ref i));
                    break;
                case "--data-directory":
                    options.DataDirectory = Value(args, ref i);
                    break;
                case "--key-name":
                    options.SharedAccessKeyName = Value(args, ref i);
                    break;
                case "--key":
                    options.SharedAccessKey = Value(args, ref i);
                    break;
                case "--tls-certificate":
                    tlsCertificate = Value(args, ref i);
                    break;
                case "--tls-key":
                    tlsKey = Value(args, ref i);
                    break;
                default:
                    throw new FormatException($"Unknown argument '{name}'.");
            }
        }

        if (hubs.Count > 0)
        {
            options.EventHubs = hubs;
        }

        if ((tlsCertificate is null) != (tlsKey is null))
        {
            throw new FormatException("--tls-certificate and --tls-key go together.");
        }

        if (tlsCertificate is not null)
        {
            options.TlsCertificate = X509Certificate2.CreateFromPemFile(tlsCertificate, tlsKey);
        }

        return new CommandLine(options, verbose);
    }

    private static string Value(IReadOnlyList<string> args, ref int index)
    {
        var name = args[index];
        if (++index >= args.Count)
        {
            throw new FormatException($"'{name}' needs a value.");
        }

        return args[index];
    }

    private static (string Name, int Partitions) Hub(string value)
    {
        var separator = value.LastIndexOf(':');
        return separator > 0
            ? (value[..separator], Number("--hub", value[(separator + 1)..]))
            : throw new FormatException($"'--hub {value}' must be <name>:<partitions>, e.g. interactions:4.");
    }

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"'{name} {value}' is not a number.");
}
