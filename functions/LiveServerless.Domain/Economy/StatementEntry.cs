namespace LiveServerless.Domain.Economy;

public enum StatementKind
{
    /// <summary>Coins the partner credited after its own payment (idempotent by reference).</summary>
    Credit,

    /// <summary>Coins spent on gifts (negative <see cref="StatementEntry.Coins"/>).</summary>
    GiftSent,

    /// <summary>The host's share of a gift received (<see cref="StatementEntry.Earnings"/>).</summary>
    GiftReceived,
}

/// <summary>
/// One line of a wallet's statement. <see cref="Reference"/> is the partner's payment reference for credits, and the gift event's id
/// for gifts (the same id on the sender's and the host's statement, so the two sides can be matched).
/// </summary>
public sealed record StatementEntry(
    StatementKind Kind,
    long Coins,
    decimal Earnings,
    string Reference,
    DateTimeOffset At,
    string? GiftId = null,
    int? Count = null,
    string? RoomId = null,
    string? CounterpartyUserId = null);
