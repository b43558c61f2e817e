using System.Net;
using System.Net.Sockets;
using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Webhooks;

/// <summary>Where webhooks may be sent. In Azure both are false: https only, public addresses only.</summary>
public sealed record TargetRules(bool AllowHttp, bool AllowPrivateNetworks);

/// <summary>
/// The SSRF rules of a webhook target. The URL is checked when a subscription is saved (scheme, no credentials, no literal private
/// address, no local host name), and every address the name resolves to is checked again when a delivery connects (so a DNS answer
/// that changes after the check — rebinding — cannot reach the internal network either).
/// </summary>
public static class WebhookTarget
{
    public const int MaxUrlLength = 2048;

    public static void Validate(FieldErrors errors, string field, string? url, TargetRules rules)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(field, "is required");
            return;
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            errors.Add(field, $"must be an absolute URL of at most {MaxUrlLength} characters");
            return;
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        if (!https && !(rules.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            errors.Add(field, rules.AllowHttp ? "must be an http or https URL" : "must be an https URL");
            return;
        }

        errors.When(uri.UserInfo.Length > 0, field, "must not carry credentials (user:password@)");
        errors.When(uri.Fragment.Length > 0, field, "must not have a fragment");
        if (!rules.AllowPrivateNetworks && IsLocalName(uri))
        {
            errors.Add(field, "must not point at a loopback, private or link-local address");
        }
    }

    /// <summary>True for an address a webhook may reach: not loopback, private, link-local, shared, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 ||
                (b[0] == 100 && b[1] >= 64 && b[1] <= 127) ||
                (b[0] == 169 && b[1] == 254) ||
                (b[0] == 172 && b[1] >= 16 && b[1] <= 31) ||
                (b[0] == 192 && b[1] == 168) ||
                (b[0] == 192 && b[1] == 0 && b[2] == 0) ||
                (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal ||
                address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC || address.IsIPv6UniqueLocal);
        }

        return false;
    }

    private static bool IsLocalName(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return !IsPublic(literal);
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) ||
            !host.Contains('.', StringComparison.Ordinal);
    }
}
