using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Economy;

/// <summary>What a partner may credit to a wallet in one call.</summary>
public static class CreditRules
{
    public const long MaxAmount = 100_000_000;

    public const int MaxReferenceLength = 128;

    public static void Validate(long? amount, string? reference)
    {
        var errors = new FieldErrors();
        errors.When(amount is null, "amount", "is required (whole coins)");
        errors.When(amount is < 1 or > MaxAmount, "amount", $"must be a whole number of coins from 1 to {MaxAmount}");
        Text.Required(errors, "reference", reference, MaxReferenceLength);
        errors.ThrowIfAny();
    }
}
