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

/// <summary>One entry of a room's moderation log on the wire (docs/openapi.yaml <c>ModerationAction</c>).</summary>
public sealed record ModerationActionResponse(
    string Id,
    string RoomId,
    ModerationKind Action,
    string? UserId,
    string? MessageId,
    DateTimeOffset? Until,
    int? SlowModeSeconds,
    string? Reason,
    ModeratorResponse By,
    DateTimeOffset At)
{
    public static ModerationActionResponse From(ModerationAction action) => new(
        action.Id, action.RoomId, action.Action, action.UserId, action.MessageId, action.Until, action.SlowModeSeconds, action.Reason,
        new ModeratorResponse(action.By.Kind, action.By.Id), action.At);
}

/// <summary>Who moderated: <c>partner</c> (a key id) or <c>user</c> (a host's or moderator's user id).</summary>
public sealed record ModeratorResponse(string Kind, string Id);
