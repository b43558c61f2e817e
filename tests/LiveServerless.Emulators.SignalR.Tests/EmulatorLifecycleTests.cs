using System.Net.Sockets;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class EmulatorLifecycleTests
{
    private const string AccessKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg=";

    [Fact]
    public async Task StartAsync_OnPortZero_ReportsTheBoundPortInTheConnectionString()
    {
        await using var emulator = await SignalREmulator.StartAsync(new SignalREmulatorOptions { AccessKey = AccessKey, Port = 0 }).WaitAsync(EmulatorFixture.Timeout);

        Assert.NotEqual(0, emulator.Port);
        Assert.Equal($"Endpoint=http://localhost;Port={emulator.Port};AccessKey={AccessKey};Version=1.0;", emulator.ConnectionString);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("example.com")]
    public async Task StartAsync_WithNonLoopbackHost_Throws(string host)
    {
        var options = new SignalREmulatorOptions { AccessKey = AccessKey, Host = host, Port = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => SignalREmulator.StartAsync(options).WaitAsync(EmulatorFixture.Timeout));
    }

    [Fact]
    public async Task StartAsync_WithKeyShorterThan256Bits_Throws()
    {
        var options = new SignalREmulatorOptions { AccessKey = "short", Port = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => SignalREmulator.StartAsync(options).WaitAsync(EmulatorFixture.Timeout));
    }

    [Fact]
    public async Task StopAsync_ReleasesThePort()
    {
        var emulator = await SignalREmulator.StartAsync(new SignalREmulatorOptions { AccessKey = AccessKey, Port = 0 }).WaitAsync(EmulatorFixture.Timeout);
        var port = emulator.Port;

        await emulator.StopAsync().WaitAsync(EmulatorFixture.Timeout);
        await emulator.DisposeAsync().AsTask().WaitAsync(EmulatorFixture.Timeout);

        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port).WaitAsync(EmulatorFixture.Timeout));
    }
}
