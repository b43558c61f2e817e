using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>The emulator as its own program, started the way its README says (here from its build output, as `dotnet run` does).</summary>
public sealed class StandAloneTests
{
    private const string ConnectionStringLine = "Connection string: ";
    private const int Terminate = 15;

    [Fact]
    public async Task Program_WithKeyAndPort_ServesRestAndClientsUntilTerminated()
    {
        var accessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var program = StartProgram("--access-key", accessKey, "--port", "0");
        try
        {
            var connectionString = await ReadConnectionStringAsync(program);
            var port = int.Parse(connectionString.Split(';').Single(part => part.StartsWith("Port=", StringComparison.Ordinal))["Port=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            using var http = new HttpClient { Timeout = EmulatorFixture.Timeout };
            var url = $"http://localhost:{port}/api/hubs/live/users/alice/groups/room";
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{url}?api-version=2022-06-01");
            request.Headers.Authorization = new("Bearer", TestTokens.Server(accessKey, url));

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, Kill(program.Id, Terminate));
            await program.WaitForExitAsync().WaitAsync(EmulatorFixture.Timeout);
            Assert.Equal(0, program.ExitCode);
        }
        finally
        {
            if (!program.HasExited)
            {
                program.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Program_WithoutAnAccessKey_ExitsWithUsage()
    {
        using var program = StartProgram("--port", "0");

        var errors = await program.StandardError.ReadToEndAsync().WaitAsync(EmulatorFixture.Timeout);
        await program.WaitForExitAsync().WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(2, program.ExitCode);
        Assert.Contains("--access-key is required", errors, StringComparison.Ordinal);
        Assert.Contains("Usage: signalr-emulator", errors, StringComparison.Ordinal);
    }

    private static Process StartProgram(params string[] arguments)
    {
        // The emulator's own build output (artifacts/bin/<project>/<configuration>/), a sibling of this test project's.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var program = Path.Combine(testOutput.Parent!.Parent!.FullName, "LiveServerless.Emulators.SignalR", testOutput.Name, "LiveServerless.Emulators.SignalR.dll");
        Assert.True(File.Exists(program), $"The emulator's program is missing at {program}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private static async Task<string> ReadConnectionStringAsync(Process program)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await program.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ConnectionStringLine, StringComparison.Ordinal))
            {
                return line[ConnectionStringLine.Length..];
            }
        }

        throw new InvalidOperationException($"The emulator exited without serving: {await program.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    /// <summary>SIGTERM, as a service manager or Ctrl+C would stop it.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
