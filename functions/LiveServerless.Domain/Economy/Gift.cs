using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Economy;

/// <summary>
/// One gift of a tenant's catalog. Its price, in whole coins, is the only source of a gift's worth: a gift interaction names the
/// gift and a count, and the server multiplies by the price it finds here when it accepts the gift.
/// </summary>
public sealed record Gift(string Id, string Name, long Price, string? ImageUrl, bool Active, DateTimeOffset UpdatedAt)
{
    public const int MaxNameLength = 64;

    public const long MaxPrice = 1_000_000;

    /// <summary>Creates or replaces the gift <paramref name="id"/> from a partner's definition, reporting every broken rule.</summary>
    public static Gift Define(string id, GiftDefinition definition, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        Text.Required(errors, "name", definition.Name, MaxNameLength);
        errors.When(definition.Price is null, "price", "is required (whole coins)");
        errors.When(definition.Price is < 1 or > MaxPrice, "price", $"must be a whole number of coins from 1 to {MaxPrice}");
        Text.OptionalAbsoluteHttpUrl(errors, "imageUrl", definition.ImageUrl);
        errors.ThrowIfAny();
        return new Gift(id, definition.Name!.Trim(), definition.Price!.Value, definition.ImageUrl, definition.Active ?? true, now);
    }
}

/// <summary>What a partner sends to define a gift; <see cref="Active"/> defaults to true.</summary>
public sealed record GiftDefinition(string? Name, long? Price, string? ImageUrl, bool? Active);
