using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Tenants;

/// <summary>A partner organisation (one streaming app). Every user, room and campaign belongs to exactly one tenant.</summary>
public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt)
{
    public const int MaxNameLength = 100;

    public static Tenant Create(string? name, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        Text.Required(errors, "name", name, MaxNameLength);
        errors.ThrowIfAny();
        return new Tenant(Ids.New(), name!.Trim(), now);
    }
}
