using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;

namespace LiveServerless.Domain.Tenants;

/// <summary>
/// A partner organisation (one streaming app). Every user, room and campaign belongs to exactly one tenant.
/// <see cref="RevenueShare"/> is the part of every gift's value its hosts earn; <see cref="Quotas"/> are the admin's limits for it.
/// </summary>
public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt, decimal RevenueShare = Earnings.DefaultHostShare, Quotas? Quotas = null)
{
    public const int MaxNameLength = 100;

    public static Tenant Create(string? name, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        Text.Required(errors, "name", name, MaxNameLength);
        errors.ThrowIfAny();
        return new Tenant(Ids.New(), name!.Trim(), now);
    }

    public Tenant Apply(TenantChanges changes)
    {
        var errors = new FieldErrors();
        if (changes.Name.IsSet)
        {
            Text.Required(errors, "name", changes.Name.Value, MaxNameLength);
        }

        errors.When(changes.RevenueShare is { IsSet: true, Value: null }, "revenueShare", "cannot be null");
        errors.When(changes.RevenueShare.Value is { } share && !Earnings.IsValidShare(share), "revenueShare",
            $"must be between 0 and 1 with at most {Earnings.ShareDecimals} decimal places");
        errors.When(changes.Quotas is { IsSet: true, Value: null }, "quotas", "cannot be null; send a field as null for its default");
        changes.Quotas.Value?.Validate(errors, "quotas");
        errors.ThrowIfAny();
        return this with
        {
            Name = changes.Name.IsSet ? changes.Name.Value!.Trim() : Name,
            RevenueShare = changes.RevenueShare.Value ?? RevenueShare,
            Quotas = changes.Quotas.Value ?? Quotas,
        };
    }
}

/// <summary>An admin's partial update of a tenant: unset fields stay as they are.</summary>
public sealed record TenantChanges(Optional<string?> Name, Optional<decimal?> RevenueShare, Optional<Quotas?> Quotas = default);
