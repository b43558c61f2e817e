namespace LiveServerless.Domain.Common;

/// <summary>
/// A rule of the domain refused an operation. Each subtype maps to exactly one HTTP status at the boundary,
/// so services can say "not found" or "conflict" without knowing about HTTP.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The object does not exist for this caller (another tenant's objects do not exist either).</summary>
public sealed class NotFoundException(string what, string id) : DomainException($"{what} '{id}' was not found.")
{
    public string What { get; } = what;

    public string Id { get; } = id;
}

/// <summary>The object's current state forbids the operation (duplicate id, invalid lifecycle transition).</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>The caller is known but a rule forbids this action to them (banned, muted, not a moderator, followers only).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>The caller acts too often (rate limit, slow mode); they may try again after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The limit that refused the request, when the client may be told about it (RateLimit fields).</summary>
    public RateLimitState? State { get; init; }
}

/// <summary>The caller's If-Match precondition does not hold: the object changed since the caller read it.</summary>
public sealed class PreconditionFailedException(string message) : DomainException(message);

/// <summary>The input broke one or more field rules; carries every broken rule, not only the first.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException ForField(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
