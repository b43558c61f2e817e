namespace LiveServerless.Emulators.SignalR;

/// <summary>Where the SignalR Service emulator listens and which access key it accepts tokens for.</summary>
public sealed class SignalREmulatorOptions
{
    /// <summary>Loopback address to bind: <c>127.0.0.1</c>, <c>::1</c> or <c>localhost</c>. Anything else is refused.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port (read it back from <see cref="SignalREmulator.Port"/>).</summary>
    public int Port { get; set; } = 8888;

    /// <summary>The dev access key. Tokens must be HMAC-signed with its UTF-8 bytes, as the Azure SignalR SDKs sign them.</summary>
    public required string AccessKey { get; set; }
}
