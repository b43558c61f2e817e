namespace LiveServerless.Functions.Configuration;

/// <summary>
/// Outgoing webhooks: which targets a subscription may name (in Azure: https and public addresses only) and how soon a failed
/// delivery is tried again (it doubles from there, with jitter, up to an hour, for 24 hours).
/// </summary>
[SettingsSection(Section)]
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>Allow plain-http targets (local development only; false in Azure).</summary>
    public bool AllowHttpTargets { get; set; }

    /// <summary>Allow loopback, private and link-local targets (local development only; false in Azure, the SSRF guard).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The delay before the first retry of a failed delivery.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
