using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Webhooks;

/// <summary>What a partner sends to subscribe.</summary>
public sealed record NewSubscription(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>A partner's partial update: unset fields stay; <c>enabled: true</c> re-enables a subscription that was disabled.</summary>
public sealed record SubscriptionChanges(Optional<string?> Url, Optional<IReadOnlyList<string>?> Events, Optional<string?> Description, Optional<bool?> Enabled);

/// <summary>
/// A tenant's webhook subscription: where to send which events, and the secret they are signed with (kept, because signing needs it;
/// shown to the partner only once). <see cref="FailingSince"/> is the first failed attempt since the last success; failing for
/// <see cref="DeliveryPolicy.DisableAfter"/> disables the subscription with <see cref="DisabledReason"/> saying why.
/// </summary>
public sealed record WebhookSubscription(
    string Id,
    string TenantId,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string Secret,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxDescriptionLength = 200;

    public static WebhookSubscription Create(string tenantId, NewSubscription draft, TargetRules rules, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        WebhookTarget.Validate(errors, "url", draft.Url, rules);
        ValidateEvents(errors, draft.Events);
        Text.Optional(errors, "description", draft.Description, MaxDescriptionLength);
        errors.ThrowIfAny();
        return new WebhookSubscription(
            Ids.New(), tenantId, draft.Url!.Trim(), Normalize(draft.Events!), draft.Description?.Trim(), WebhookSecret.Generate(),
            Enabled: true, DisabledReason: null, FailingSince: null, now, now);
    }

    public WebhookSubscription Apply(SubscriptionChanges changes, TargetRules rules, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (changes.Url.IsSet)
        {
            WebhookTarget.Validate(errors, "url", changes.Url.Value, rules);
        }

        if (changes.Events.IsSet)
        {
            ValidateEvents(errors, changes.Events.Value);
        }

        Text.Optional(errors, "description", changes.Description.Value, MaxDescriptionLength);
        errors.When(changes.Enabled is { IsSet: true, Value: null }, "enabled", "cannot be null");
        errors.ThrowIfAny();
        var enabled = changes.Enabled.Value ?? Enabled;
        return this with
        {
            Url = changes.Url.IsSet ? changes.Url.Value!.Trim() : Url,
            Events = changes.Events.IsSet ? Normalize(changes.Events.Value!) : Events,
            Description = changes.Description.IsSet ? changes.Description.Value?.Trim() : Description,
            Enabled = enabled,
            DisabledReason = enabled ? null : changes.Enabled.Value == false ? "Disabled by the partner." : DisabledReason,
            FailingSince = enabled && !Enabled ? null : FailingSince,
            UpdatedAt = now,
        };
    }

    /// <summary>Whether an event of <paramref name="type"/> that happened at <paramref name="occurredAt"/> goes to this subscription.</summary>
    public bool Wants(string type, DateTimeOffset occurredAt) =>
        Enabled && occurredAt >= CreatedAt && Events.Contains(type, StringComparer.Ordinal);

    /// <summary>The subscription after an attempt: a success clears the failing streak; a failure starts it, or disables after too long.</summary>
    public WebhookSubscription AfterAttempt(bool succeeded, DateTimeOffset now, DeliveryPolicy policy)
    {
        if (succeeded)
        {
            return FailingSince is null ? this : this with { FailingSince = null, UpdatedAt = now };
        }

        var since = FailingSince ?? now;
        if (Enabled && now - since >= policy.DisableAfter)
        {
            return this with
            {
                Enabled = false,
                FailingSince = since,
                DisabledReason = $"Every delivery failed from {since:O} to {now:O} ({policy.DisableAfter.TotalHours:0} h without a success); fix the receiver and PATCH enabled: true.",
                UpdatedAt = now,
            };
        }

        return FailingSince is null ? this with { FailingSince = now, UpdatedAt = now } : this;
    }

    private static void ValidateEvents(FieldErrors errors, IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
        {
            errors.Add("events", "at least one event type is required");
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            errors.When(events[i] is null || !WebhookEventTypes.IsKnown(events[i]), $"events[{i}]",
                $"must be one of: {string.Join(", ", WebhookEventTypes.All)}");
        }
    }

    private static string[] Normalize(IReadOnlyList<string> events) => [.. events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
