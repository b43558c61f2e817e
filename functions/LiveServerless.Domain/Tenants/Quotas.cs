using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Tenants;

/// <summary>
/// The admin's per-tenant limits; a null field means the platform default (Limits settings). Each is a shared token bucket:
/// partner requests per minute per key, interaction events per second for the whole tenant, webhook deliveries per minute.
/// </summary>
public sealed record Quotas(int? RequestsPerMinutePerKey, int? EventsPerSecond, int? WebhookDeliveriesPerMinute)
{
    public const int Max = 1_000_000;

    public static readonly Quotas Defaults = new(null, null, null);

    public void Validate(FieldErrors errors, string field)
    {
        Check(errors, $"{field}.requestsPerMinutePerKey", RequestsPerMinutePerKey);
        Check(errors, $"{field}.eventsPerSecond", EventsPerSecond);
        Check(errors, $"{field}.webhookDeliveriesPerMinute", WebhookDeliveriesPerMinute);
    }

    private static void Check(FieldErrors errors, string field, int? value) =>
        errors.When(value is < 1 or > Max, field, $"must be between 1 and {Max}, or null for the default");
}
