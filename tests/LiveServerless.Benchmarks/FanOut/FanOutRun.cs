using System.Diagnostics;
using System.Globalization;
using System.Net;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// The fan-out run: one room, chat messages of 200 bytes posted over HTTP and pushed to every listener, against LiveServerless
/// (DevHost, our SignalR Service emulator) and two peers (a Flask-SocketIO and a Node socket.io broadcast chat), with one load
/// generator and the same senders for all three. Per target and listener count it measures:
/// 1. fan-out: 200 messages, 16 posts in flight — deliveries/s (chat messages received by all listeners / time from the first
///    send to the last arrival) and p50/p99 send→receive latency;
/// 2. posts accepted/s: as many posts as the server takes with 32 in flight (--in-flight), for 4 s or 1,000 posts (201s counted; a 429
///    would mean a sender broke the per-user limit and is reported);
/// 3. steady 100 posts/s for 3 s: invocation frames received by all listeners per chat message (one per listener per
///    message with per-event targets, plus the other pushes; batching makes it smaller). A chat message here is one that
///    reached the listeners (chat messages delivered / listeners), so a post answered late still counts.
/// Run: dotnet run -c Release --project tests/LiveServerless.Benchmarks -- --fanout [--listeners 100,1000] [--targets liveserverless,flask-socketio,socket.io] [--in-flight 32]
/// </summary>
public static class FanOutRun
{
    public const string Switch = "--fanout";

    private const int FanOutMessages = 200;

    private const int FanOutConcurrency = 16;

    private const int MaxPosts = 1000;

    private const int DefaultMaxPostsConcurrency = 32;

    private const int SteadyRate = 100;

    private const int ConnectConcurrency = 16;

    /// <summary>Users who post (listeners or not): enough that 1,000 posts in a few seconds keep each within its limit.</summary>
    private const int Senders = 1000;

    private static readonly TimeSpan MaxPostsDuration = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan SteadyDuration = TimeSpan.FromSeconds(3);

    /// <summary>A post not answered within this counts as failed (keeps a saturated server from stretching the run).</summary>
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] AllTargets = ["liveserverless", "flask-socketio", "socket.io"];

    public static string UserId(int user) => string.Create(CultureInfo.InvariantCulture, $"fan-{user}");

    public static string DisplayName(int user) => string.Create(CultureInfo.InvariantCulture, $"Viewer {user}");

    public static async Task RunAsync(string[] args)
    {
        var listenerCounts = (Option(args, "--listeners") ?? "100,1000").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var targetNames = (Option(args, "--targets") ?? string.Join(',', AllTargets)).Split(',');
        var repoRoot = RepoPaths.FindRoot();
        var users = Math.Max(Senders, listenerCounts.Max());
        var inFlight = int.Parse(Option(args, "--in-flight") ?? DefaultMaxPostsConcurrency.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Fan-out run ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {GitCommit(repoRoot)}, load average {LoadAverage()})"));
        // Every target is started first and the targets are measured back to back for each listener count, so the figures
        // compared with each other are minutes apart at most on a machine whose load moves.
        var targets = targetNames.Select(name => CreateTarget(name, repoRoot)).ToList();
        var results = new List<Result>();
        try
        {
            var budgets = new Dictionary<IChatTarget, SenderBudgets>();
            foreach (var target in targets)
            {
                var started = Stopwatch.StartNew();
                await target.StartAsync(users, CancellationToken.None);
                budgets[target] = new SenderBudgets(users);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target.Name}: started with {users} users in {started.Elapsed.TotalSeconds:0.0} s"));
            }

            foreach (var listeners in listenerCounts)
            {
                foreach (var target in targets)
                {
                    var result = await MeasureAsync(target, listeners, budgets[target], inFlight, CancellationToken.None);
                    Console.WriteLine($"  {result.Summary()} (load average {LoadAverage()})");
                    results.Add(result);
                }
            }
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.DisposeAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at the end: {LoadAverage()}"));
        foreach (var listeners in listenerCounts)
        {
            PrintTable(listeners, results.Where(r => r.Listeners == listeners).ToList());
        }
    }

    /// <summary>Flask-SocketIO runs on Debian's python3, where python3-flask-socketio and python3-eventlet are installed (a python3
    /// earlier on PATH, such as a virtualenv's, may not have them).</summary>
    private static IChatTarget CreateTarget(string name, string repoRoot) => name switch
    {
        "liveserverless" => new LiveServerlessTarget(repoRoot),
        "flask-socketio" => new SocketIoPeerTarget("Flask-SocketIO (eventlet)", "/usr/bin/python3", Peer(repoRoot, "flask_socketio_chat.py"), repoRoot),
        "socket.io" => new SocketIoPeerTarget("socket.io (Node)", "node", Peer(repoRoot, "socketio_chat.js"), repoRoot),
        _ => throw new ArgumentException($"Unknown target '{name}'; the targets are {string.Join(", ", AllTargets)}."),
    };

    private static string Peer(string repoRoot, string file) => Path.Combine(repoRoot, "tests", "LiveServerless.Benchmarks", "peers", file);

    private static async Task<Result> MeasureAsync(IChatTarget target, int listeners, SenderBudgets budgets, int inFlight, CancellationToken cancellationToken)
    {
        var deliveries = new Deliveries();
        var connections = new IAsyncDisposable?[listeners];
        var connecting = Stopwatch.StartNew();
        var listening = Enumerable.Range(0, listeners).ToArray();
        try
        {
            await Parallel.ForEachAsync(listening, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
                async (user, token) => connections[user] = await target.ListenAsync(user, deliveries, token));
            var connectTime = connecting.Elapsed;

            // The joins' own pushes (viewer counts, at most one a second) settle before anything is counted.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var cpu = CpuSplit.Start(target.ProcessId);

            await target.KeepPresenceAsync(listening, cancellationToken);
            var fanOut = deliveries.Begin('f', FanOutMessages * listeners);
            var fanOutStart = Stopwatch.GetTimestamp();
            var fanOutPosts = await PostClosedLoopAsync(target, budgets, 'f', FanOutMessages, TimeSpan.FromMinutes(1), FanOutConcurrency, cancellationToken);
            await fanOut.WaitForAsync(fanOutPosts.Accepted * (long)listeners, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), cancellationToken);
            var fanOutSeconds = fanOut.LastArrival == 0 ? double.NaN : Stopwatch.GetElapsedTime(fanOutStart, fanOut.LastArrival).TotalSeconds;

            await target.KeepPresenceAsync(listening, cancellationToken);
            var burst = deliveries.Begin('p', 0);
            var maxPosts = await PostClosedLoopAsync(target, budgets, 'p', MaxPosts, MaxPostsDuration, inFlight, cancellationToken);
            var burstDrained = await burst.WaitForAsync(maxPosts.Accepted * (long)listeners, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), cancellationToken);

            await target.KeepPresenceAsync(listening, cancellationToken);
            var steady = deliveries.Begin('s', 0);
            var steadyPosts = await PostAtRateAsync(target, budgets, 's', SteadyRate, SteadyDuration, cancellationToken);
            await steady.WaitForAsync(SteadyRate * (long)SteadyDuration.TotalSeconds * listeners, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), cancellationToken);

            // Pushes that follow the messages (room statistics after the stream is processed) are outbound messages too.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var profile = cpu.Report();
            return new Result(target.Name, listeners, connectTime)
            {
                FanOutPosts = fanOutPosts,
                FanOutDelivered = fanOut.Delivered,
                FanOutSeconds = fanOutSeconds,
                P50 = fanOut.LatencyPercentile(50),
                P99 = fanOut.LatencyPercentile(99),
                MaxPosts = maxPosts,
                MaxPostsDrained = burstDrained,
                SteadyPosts = steadyPosts,
                SteadyFrames = steady.Frames,
                SteadyDelivered = steady.Delivered,
                Profile = profile,
            };
        }
        finally
        {
            await Parallel.ForEachAsync(connections.OfType<IAsyncDisposable>(), new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency },
                async (connection, _) => await connection.DisposeAsync());
        }
    }

    /// <summary>Up to <paramref name="count"/> posts, <paramref name="concurrency"/> in flight, each from a sender within its limit.</summary>
    private static async Task<PostCounts> PostClosedLoopAsync(
        IChatTarget target, SenderBudgets budgets, char phase, int count, TimeSpan limit, int concurrency, CancellationToken cancellationToken)
    {
        var counts = new PostCounts();
        var issued = 0;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) <= count && started.Elapsed < limit)
            {
                var user = await budgets.TakeAsync(cancellationToken);
                counts.Add(await PostOneAsync(target, user, phase, cancellationToken));
            }
        }));
        counts.Elapsed = started.Elapsed;
        return counts;
    }

    /// <summary>Posts at a fixed rate whatever the answers take (an open loop), each from a sender within its limit.</summary>
    private static async Task<PostCounts> PostAtRateAsync(
        IChatTarget target, SenderBudgets budgets, char phase, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var counts = new PostCounts();
        var total = (int)(perSecond * duration.TotalSeconds);
        var posts = new List<Task>(total);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var user = await budgets.TakeAsync(cancellationToken);
            posts.Add(Task.Run(async () => counts.Add(await PostOneAsync(target, user, phase, cancellationToken)), cancellationToken));
        }

        counts.Offered = started.Elapsed;
        await Task.WhenAll(posts);
        counts.Elapsed = started.Elapsed;
        return counts;
    }

    private static async Task<HttpStatusCode> PostOneAsync(IChatTarget target, int user, char phase, CancellationToken cancellationToken)
    {
        using var answerWithin = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answerWithin.CancelAfter(PostTimeout);
        try
        {
            return await target.PostAsync(user, ChatText.Create(phase, Stopwatch.GetTimestamp()), answerWithin.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return 0; // no answer (in time): counted as a failure, never as accepted
        }
    }

    private static void PrintTable(int listeners, List<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {listeners:N0} listeners"));
        Console.WriteLine();
        Console.WriteLine("| Target | deliveries/s | p50 | p99 | posts accepted/s | outbound per chat message (100 posts/s) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target} | {r.DeliveriesPerSecond:N0} | {r.P50:0} ms | {r.P99:0} ms | {r.PostsPerSecond:0} | {r.OutboundPerMessage:0.0} |"));
        }

        var ours = results.FirstOrDefault(r => r.Target.StartsWith("LiveServerless", StringComparison.Ordinal));
        var flask = results.FirstOrDefault(r => r.Target.StartsWith("Flask", StringComparison.Ordinal));
        var socketIo = results.FirstOrDefault(r => r.Target.StartsWith("socket.io", StringComparison.Ordinal));
        if (ours is not null && flask is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nDeliveries/s, LiveServerless / Flask-SocketIO: {ours.DeliveriesPerSecond / flask.DeliveriesPerSecond:0.00}×"));
        }

        if (ours is not null && socketIo is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p99, LiveServerless / socket.io: {ours.P99 / socketIo.P99:0.00}×"));
        }

        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine($"- {r.Summary()}");
            Console.WriteLine($"  {r.Profile}");
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string GitCommit(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true });
            var commit = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return string.IsNullOrEmpty(commit) ? "unknown" : commit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Answers to a phase's posts: 201 accepted, 429 limited (a sender broke its limit), anything else failed.</summary>
    private sealed class PostCounts
    {
        private int _accepted;

        private int _limited;

        private int _failed;

        public int Accepted => _accepted;

        public int Limited => _limited;

        public int Failed => _failed;

        public TimeSpan Elapsed { get; set; }

        /// <summary>For a fixed-rate phase: when the last post was sent (the answers may come later).</summary>
        public TimeSpan Offered { get; set; }

        public void Add(HttpStatusCode status)
        {
            switch (status)
            {
                case HttpStatusCode.Created:
                    Interlocked.Increment(ref _accepted);
                    break;
                case HttpStatusCode.TooManyRequests:
                    Interlocked.Increment(ref _limited);
                    break;
                default:
                    Interlocked.Increment(ref _failed);
                    break;
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_accepted} accepted, {_limited} × 429, {_failed} failed in {Elapsed.TotalSeconds:0.0} s");
    }

    private sealed record Result(string Target, int Listeners, TimeSpan ConnectTime)
    {
        public required PostCounts FanOutPosts { get; init; }

        public long FanOutDelivered { get; init; }

        public double FanOutSeconds { get; init; }

        public double P50 { get; init; }

        public double P99 { get; init; }

        public required PostCounts MaxPosts { get; init; }

        public bool MaxPostsDrained { get; init; }

        public required PostCounts SteadyPosts { get; init; }

        public long SteadyFrames { get; init; }

        public long SteadyDelivered { get; init; }

        public string Profile { get; init; } = "";

        public double DeliveriesPerSecond => FanOutDelivered / FanOutSeconds;

        public double PostsPerSecond => MaxPosts.Accepted / MaxPosts.Elapsed.TotalSeconds;

        /// <summary>Frames per chat message the listeners received; every listener receives every message of the room.</summary>
        public double OutboundPerMessage => SteadyDelivered == 0 ? double.NaN : SteadyFrames / ((double)SteadyDelivered / Listeners);

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"{Target}, {Listeners} listeners: connected in {ConnectTime.TotalSeconds:0.0} s; " +
            $"fan-out {FanOutPosts}, {FanOutDelivered:N0} of {FanOutPosts.Accepted * (long)Listeners:N0} delivered in {FanOutSeconds:0.00} s; " +
            $"max posts {MaxPosts}{(MaxPostsDrained ? "" : " (not all delivered within 20 s)")}; " +
            $"steady {SteadyPosts} (sent over {SteadyPosts.Offered.TotalSeconds:0.0} s), {SteadyFrames:N0} frames, {SteadyDelivered:N0} chat messages delivered ({(double)SteadyDelivered / Listeners:0} per listener)");
    }
}
