using LiveServerless.Domain.Interactions;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Drops events no handler may apply, before any handler sees the batch (the erasure's tombstone check is one: a late event of an
/// erased user must not re-create their data). Filters run in registration order after client retries are removed.
/// </summary>
public interface IInteractionFilter
{
    Task<IReadOnlyList<StreamedInteraction>> FilterAsync(IReadOnlyList<StreamedInteraction> events, CancellationToken cancellationToken);
}

/// <summary>
/// Hears of every event the pipeline gave up on, after its dead letter is stored (the tenant's <c>deadletter.created</c> webhook).
/// Called again for the same letter after a crash, so what it records must be keyed by the letter.
/// </summary>
public interface IDeadLetterObserver
{
    /// <param name="interaction">The event the letter holds, when its body is one (else null: nothing says whose it is).</param>
    Task DeadLetteredAsync(string scope, DeadLetter letter, Interaction? interaction, CancellationToken cancellationToken);
}
