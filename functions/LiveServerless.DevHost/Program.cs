using LiveServerless.DevHost;

await using var devHost = await DevHostApp.StartAsync(DevHostSettings.FromArgs(args));
await devHost.WaitForShutdownAsync();
