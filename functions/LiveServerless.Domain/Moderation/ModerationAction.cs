using LiveServerless.Domain.Chat;

namespace LiveServerless.Domain.Moderation;

public enum ModerationKind
{
    DeleteMessage,
    Mute,
    Unmute,
    Ban,
    Unban,
    SlowMode,
    Pin,
    Unpin,
    Clear,
}

/// <summary>Who acted: a partner's backend (by key) or a user of the tenant (the room's host or a moderator).</summary>
public sealed record Moderator(string Kind, string Id)
{
    public const string PartnerKind = "partner";

    public const string UserKind = "user";

    public static Moderator Partner(string keyId) => new(PartnerKind, keyId);

    public static Moderator User(string userId) => new(UserKind, userId);
}

/// <summary>A moderation request after parsing: what to do and to whom or what.</summary>
public sealed record ModerationRequest(
    ModerationKind Action,
    string? UserId,
    string? MessageId,
    int? DurationSeconds,
    int? SlowModeSeconds,
    string? Reason);

/// <summary>The audit record of one moderation action: every action is kept with who did it and when.</summary>
public sealed record ModerationAction(
    string Id,
    string RoomId,
    ModerationKind Action,
    string? UserId,
    string? MessageId,
    DateTimeOffset? Until,
    int? SlowModeSeconds,
    string? Reason,
    Moderator By,
    DateTimeOffset At);

/// <summary>A pinned message and when it stops being pinned.</summary>
public sealed record PinnedMessage(ChatMessage Message, DateTimeOffset ExpiresAt)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt > now;
}
