using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;

namespace LiveServerless.Functions.Economy;

/// <summary>The body of PUT /gifts/{giftId}: <c>{name, price, imageUrl?, active?}</c>, price in whole coins.</summary>
public sealed record PutGiftRequest(string? Name, long? Price, string? ImageUrl, bool? Active)
{
    public GiftDefinition ToDefinition() => new(Name, Price, ImageUrl, Active);
}

public sealed record GiftResponse(string Id, string Name, long Price, string? ImageUrl, bool Active, DateTimeOffset UpdatedAt)
{
    public static GiftResponse From(Versioned<Gift> gift) => From(gift.Value);

    public static GiftResponse From(Gift gift) => new(gift.Id, gift.Name, gift.Price, gift.ImageUrl, gift.Active, gift.UpdatedAt);
}

/// <summary>The body of POST /users/{userId}/wallet/credits: whole coins and the partner's payment reference (idempotency key).</summary>
public sealed record CreditRequest(long? Amount, string? Reference);

public sealed record WalletResponse(string UserId, long Balance, decimal Earnings, long Credited, long Spent, DateTimeOffset? UpdatedAt)
{
    public static WalletResponse From(string userId, Wallet wallet) => new(
        userId, wallet.Balance, wallet.Earnings, wallet.Credited, wallet.Spent, wallet.UpdatedAt == DateTimeOffset.MinValue ? null : wallet.UpdatedAt);
}

/// <summary>The answer to a credit: the statement line it made (or made the first time) and the wallet after it.</summary>
public sealed record CreditResponse(string UserId, string Reference, long Amount, DateTimeOffset CreditedAt, long Balance, decimal Earnings);

public sealed record StatementEntryResponse(
    StatementKind Kind,
    long Coins,
    decimal Earnings,
    string Reference,
    DateTimeOffset At,
    string? GiftId,
    int? Count,
    string? RoomId,
    string? CounterpartyUserId)
{
    public static StatementEntryResponse From(StatementEntry entry) => new(
        entry.Kind, entry.Coins, entry.Earnings, entry.Reference, entry.At, entry.GiftId, entry.Count, entry.RoomId, entry.CounterpartyUserId);
}

/// <summary>The user's coins and earnings, and every line of their statement, as the user's export lists them.</summary>
public sealed record ExportedWallet(long Balance, decimal Earnings, long Credited, long Spent, IReadOnlyList<StatementEntry> Statement);
