namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class AdsOptions
{
    public const string Section = "Ads";

    /// <summary>HS256 key that signs impression tokens, so tracking events can be neither forged nor replayed. In Azure a Key Vault reference.</summary>
    public string ImpressionTokenKey { get; set; } = "";
}
