using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Economy;

/// <summary>
/// A user's coins and earnings. Coins come only from the partner's credits and leave only as gifts, so
/// <c>Credited − Spent = Balance</c> always, and the balance is never negative. Earnings are the host's revenue share of gifts
/// received; they arrive from the stream, so the wallet records per partition which events it has already counted
/// (<see cref="EarningsApplied"/>) and a replay never counts twice.
/// </summary>
public sealed record Wallet(long Balance, long Credited, long Spent, decimal Earnings, StreamWatermarks EarningsApplied, DateTimeOffset UpdatedAt)
{
    public static Wallet Empty { get; } = new(0, 0, 0, 0m, StreamWatermarks.None, DateTimeOffset.MinValue);

    public Wallet Credit(long amount, DateTimeOffset now) =>
        this with { Balance = Balance + amount, Credited = Credited + amount, UpdatedAt = now };

    /// <summary>Takes <paramref name="amount"/> coins for gifts; refuses (and changes nothing) when the balance is short.</summary>
    public Wallet Debit(long amount, DateTimeOffset now) => amount > Balance
        ? throw new InsufficientFundsException(Balance, amount)
        : this with { Balance = Balance - amount, Spent = Spent + amount, UpdatedAt = now };

    /// <summary>Adds the host's share of received gifts the wallet has not counted yet, and remembers that it has.</summary>
    public Wallet Earn(IReadOnlyList<StreamedInteraction> receivedGifts, DateTimeOffset now)
    {
        var unapplied = EarningsApplied.Unapplied(receivedGifts).ToArray();
        return unapplied.Length == 0
            ? this
            : this with
            {
                Earnings = Earnings + unapplied.Sum(g => Economy.Earnings.HostShareOf(g.Interaction)),
                EarningsApplied = EarningsApplied.AdvanceAll(unapplied),
                UpdatedAt = now,
            };
    }
}

/// <summary>A gift costs more coins than the sender has. Nothing was taken, published or counted.</summary>
public sealed class InsufficientFundsException(long balance, long required)
    : DomainException($"The gifts cost {required} coins but the balance is {balance}.")
{
    public long Balance { get; } = balance;

    public long Required { get; } = required;
}
