using System.Net;
using System.Security.Cryptography;
using LiveServerless.Tests;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>The emulator as its own program, started the way its README says (here from its build output, as `dotnet run` does).</summary>
public sealed class StandAloneTests
{
    private const string Project = "LiveServerless.Emulators.SignalR";

    [Fact]
    public async Task Program_WithKeyAndPort_ServesRestAndClientsUntilTerminated()
    {
        var accessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var program = StandAloneProgram.Start(Project, "--access-key", accessKey, "--port", "0");

        var connectionString = await program.ReadConnectionStringAsync();
        var port = int.Parse(connectionString.Split(';').Single(part => part.StartsWith("Port=", StringComparison.Ordinal))["Port=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = EmulatorFixture.Timeout };
        var url = $"http://localhost:{port}/api/hubs/live/users/alice/groups/room";
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{url}?api-version=2022-06-01");
        request.Headers.Authorization = new("Bearer", TestTokens.Server(accessKey, url));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await program.TerminateAsync());
    }

    [Fact]
    public async Task Program_WithoutAnAccessKey_ExitsWithUsage()
    {
        using var program = StandAloneProgram.Start(Project, "--port", "0");

        var (errors, exitCode) = await program.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("--access-key is required", errors, StringComparison.Ordinal);
        Assert.Contains("Usage: signalr-emulator", errors, StringComparison.Ordinal);
    }
}
