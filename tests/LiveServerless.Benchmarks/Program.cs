using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LiveServerless.Benchmarks;
using LiveServerless.Benchmarks.FanOut;

if (args.Contains("--e2e"))
{
    await EndToEnd.RunAsync(args);
    return;
}

if (args.Contains(FanOutHost.Switch))
{
    await FanOutHost.RunAsync(args);
    return;
}

if (args.Contains(FanOutRun.Switch))
{
    await FanOutRun.RunAsync(args);
    return;
}

// In-process and short: the machine is shared and has 2 cores, so each benchmark is compared with a peer measured in the same run.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(RoomStatsBenchmarks).Assembly).Run(args.Where(a => a != "--e2e").ToArray(), config);
