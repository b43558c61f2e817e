using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Idempotency;

/// <summary>Housekeeping of the Idempotency-Key answers: those past their 24 hours are deleted once an hour.</summary>
public sealed class IdempotencyFunctions(IdempotencyStore store, TimeProvider time)
{
    [Function(nameof(DeleteExpiredIdempotencyKeys))]
    public Task DeleteExpiredIdempotencyKeys([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        store.DeleteExpiredAsync(time.GetUtcNow(), cancellationToken);
}
