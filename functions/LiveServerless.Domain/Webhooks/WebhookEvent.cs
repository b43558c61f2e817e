using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Domain.Webhooks;

/// <summary>
/// Something a partner is told about. <see cref="Id"/> becomes the <c>webhook-id</c>: it is derived from what happened (the stream
/// event's id, or the object and the moment of its change), so recording the same happening twice — a replay, a retried write, a
/// relay that finishes a crashed request — yields the same id, and the receiver's dedupe makes it once.
/// </summary>
public sealed record WebhookEvent(string Id, string TenantId, string Type, DateTimeOffset OccurredAt, JsonElement Data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static WebhookEvent Of(string id, string tenantId, string type, DateTimeOffset occurredAt, object data) =>
        new(id, tenantId, type, occurredAt, JsonSerializer.SerializeToElement(data, data.GetType(), Json));

    /// <summary>The body every subscription receives: <c>{type, timestamp, data}</c> (Standard Webhooks).</summary>
    public string Payload() => JsonSerializer.Serialize(new { type = Type, timestamp = OccurredAt, data = Data }, Json);

    /// <summary>A stable id from the parts that identify a happening (letters and digits only, safe as a table key).</summary>
    public static string DeriveId(params string[] parts) =>
        "evt_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..32];
}
