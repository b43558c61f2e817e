using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Economy;

/// <summary>What a gift request did: the sender's balance after the debit, and whether the gifts are on the stream yet.</summary>
public sealed record GiftReceipt(long Balance, bool Delivered);

/// <summary>
/// Pays for gifts and delivers them, with one rule: a debited gift always reaches the stream, and a gift reaches the stream only
/// debited. The gifts are written to the outbox, then debited (ETag-guarded, with their statement lines, in one transaction), then
/// published. If publishing fails the gifts stay paid and queued: the outbox relay publishes them, and the stream drops any copy
/// by event id. Nothing is ever refunded after a publish was attempted, because a publish that failed may still have been delivered.
/// </summary>
public sealed partial class GiftPayments(
    WalletStore wallets,
    GiftOutbox outbox,
    InteractionPublisher publisher,
    EconomyMetrics metrics,
    TimeProvider time,
    ILogger<GiftPayments> logger)
{
    /// <summary>How long a gift stays in the outbox before the relay assumes its request died (requests end long before).</summary>
    public static readonly TimeSpan RelayAfter = TimeSpan.FromMinutes(5);

    public async Task<GiftReceipt> SendAsync(string tenantId, string userId, IReadOnlyList<Interaction> gifts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await outbox.AddAsync(gifts, now, cancellationToken);
        Wallet wallet;
        try
        {
            (wallet, var debited) = await wallets.DebitAsync(tenantId, userId, gifts, now, cancellationToken);
            metrics.Spent(debited);
        }
        catch (InsufficientFundsException)
        {
            // The outbox rows stay: the relay finds them undebited and drops them (removing them here could drop the rows of gifts
            // a first attempt of this same request already paid for).
            metrics.Refused();
            throw;
        }


        // Paid for: from here on the client's cancellation must not stop the gifts, and a failure only delays them.
        try
        {
            await publisher.PublishAsOneBatchAsync(gifts, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogQueued(exception, gifts.Count, tenantId, userId);
            metrics.Queued(gifts.Count);
            return new GiftReceipt(wallet.Balance, Delivered: false);
        }

        await ForgetAsync(gifts, now);
        return new GiftReceipt(wallet.Balance, Delivered: true);
    }

    /// <summary>
    /// Publishes every outbox gift whose request stopped between the debit and the publish (the gift is debited), and drops the ones
    /// that were never debited (refused, or the request stopped before the debit). Returns how many gifts it published.
    /// </summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        await foreach (var pending in outbox.OlderThanAsync(time.GetUtcNow() - RelayAfter, cancellationToken))
        {
            var gift = pending.Gift;
            if (await wallets.IsDebitedAsync(gift.TenantId, gift.UserId, gift.Id, cancellationToken))
            {
                await publisher.PublishAsOneBatchAsync([gift], cancellationToken);
                published++;
                metrics.Relayed();
                LogRelayed(gift.Id, gift.TenantId, gift.UserId);
            }

            await outbox.RemoveAsync(pending, cancellationToken);
        }

        return published;
    }

    /// <summary>Clears the outbox rows of delivered gifts; if that fails the relay finds them, sees them debited, and publishes a copy the stream drops.</summary>
    private async Task ForgetAsync(IReadOnlyList<Interaction> gifts, DateTimeOffset addedAt)
    {
        try
        {
            await outbox.RemoveAsync(gifts, addedAt, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogOutboxNotCleared(exception, gifts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} paid gift(s) of {TenantId}:{UserId} could not be published now; the outbox relay will deliver them")]
    private partial void LogQueued(Exception exception, int count, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relayed paid gift {EventId} of {TenantId}:{UserId} from the outbox to the stream")]
    private partial void LogRelayed(string eventId, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} delivered gift(s) left in the outbox; the relay will clear them")]
    private partial void LogOutboxNotCleared(Exception exception, int count);
}
