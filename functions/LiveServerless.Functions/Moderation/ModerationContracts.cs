using LiveServerless.Domain.Moderation;

namespace LiveServerless.Functions.Moderation;

/// <summary>
/// One moderation action. <c>action</c>: deleteMessage (messageId), mute (userId, durationSeconds), unmute (userId),
/// ban (userId), unban (userId), slowMode (slowModeSeconds; 0 = off), pin (messageId, durationSeconds), unpin, clear.
/// </summary>
public sealed record ModerationRequestBody(
    ModerationKind? Action,
    string? UserId,
    string? MessageId,
    int? DurationSeconds,
    int? SlowModeSeconds,
    string? Reason)
{
    public ModerationRequest ToRequest() =>
        Action is { } action
            ? new ModerationRequest(action, UserId, MessageId, DurationSeconds, SlowModeSeconds, Reason)
            : throw Domain.Common.ValidationException.ForField("action", "is required");
}
