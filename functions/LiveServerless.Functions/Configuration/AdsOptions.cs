namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class AdsOptions
{
    public const string Section = "Ads";

    /// <summary>HS256 key that signs impression tokens, so tracking events can be neither forged nor replayed. In Azure a Key Vault reference.</summary>
    public string ImpressionTokenKey { get; set; } = "";

    /// <summary>
    /// A click counts only this many seconds or more after its ad's recorded impression (and never without one): sooner is a script,
    /// not a person. Whole seconds, at least 0.
    /// </summary>
    public int ClickDwellSeconds { get; set; } = 1;
}
