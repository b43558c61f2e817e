using System.Globalization;

namespace LiveServerless.DevHost;

/// <summary>
/// How to run DevHost. From the command line: <c>--port 7071</c> (or DevHost__Port), <c>--reset</c> (wipe local data first),
/// <c>--no-demo</c> (do not seed the demo tenant).
/// Tests set <see cref="Settings"/> to point the app at their own emulators.
/// </summary>
public sealed record DevHostSettings
{
    public const int DefaultPort = 7071;

    public int? Port { get; init; }

    public bool Reset { get; init; }

    /// <summary>
    /// Seed the demo tenant (users, live rooms, gifts, coins, a campaign) through the API and serve the /dev routes for it. The
    /// command line turns it on; tests leave it off unless they want the demo (many tests count what a tenant holds).
    /// </summary>
    public bool SeedDemo { get; init; }

    /// <summary>Start Azurite and the emulators the configuration points at (tests start their own and set this to false).</summary>
    public bool StartLocalDependencies { get; init; } = true;

    public string? RepoRoot { get; init; }

    /// <summary>Where local data lives; defaults to the repo's git-ignored .devdata folder.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Configuration that wins over every other source (tests use it).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where DevHost writes its banner and log lines (the console by default; tests capture it).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Arguments passed on to the ASP.NET Core host (e.g. --Logging:LogLevel:Default=Debug).</summary>
    public IReadOnlyList<string> HostArgs { get; init; } = [];

    public static DevHostSettings FromArgs(IReadOnlyList<string> args)
    {
        var settings = new DevHostSettings { SeedDemo = true };
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--no-demo":
                    settings = settings with { SeedDemo = false };
                    break;
                case "--reset":
                    settings = settings with { Reset = true };
                    break;
                case "--port" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port):
                    settings = settings with { Port = port };
                    i++;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return settings with { HostArgs = rest };
    }
}
