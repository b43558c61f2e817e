namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class UserTokenOptions
{
    public const string Section = "UserTokens";

    /// <summary>HS256 key for user access tokens; at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "liveserverless";

    /// <summary>Default lifetime of a minted token; a partner may ask for less, never for more than <see cref="MaxLifetimeMinutes"/>.</summary>
    public int LifetimeMinutes { get; set; } = 15;

    public int MaxLifetimeMinutes { get; set; } = 60;
}
