using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Users;

namespace LiveServerless.Domain.Moderation;

/// <summary>Who may moderate a room, whom they may target, and what a well-formed moderation request is.</summary>
public static class ModerationRules
{
    public const int MaxMuteSeconds = 30 * 24 * 3600;

    public const int DefaultMuteSeconds = 10 * 60;

    public const int DefaultPinSeconds = 5 * 60;

    public const int MaxPinSeconds = 24 * 3600;

    public const int MaxReasonLength = 200;

    /// <summary>A user may moderate a room they host, or any room of their tenant when their role is moderator.</summary>
    public static bool IsStaff(Room room, string userId, UserRole role) => room.HostUserId == userId || role == UserRole.Moderator;

    public static void RequireStaff(Room room, string userId, UserRole role)
    {
        if (!IsStaff(room, userId, role))
        {
            throw new ForbiddenException("Only the room's host or a moderator may moderate this room.");
        }
    }

    /// <summary>Checks a request's fields for its action, collecting every problem.</summary>
    public static void Validate(ModerationRequest request, Room room, Moderator by)
    {
        var targetsUser = request.Action is ModerationKind.Mute or ModerationKind.Unmute or ModerationKind.Ban or ModerationKind.Unban;
        var targetsMessage = request.Action is ModerationKind.DeleteMessage or ModerationKind.Pin;
        var errors = new FieldErrors()
            .When(targetsUser && !Ids.IsValid(request.UserId), "userId", "is required for this action and " + Ids.Rule)
            .When(!targetsUser && request.UserId is not null, "userId", "is not used by this action")
            .When(targetsMessage && string.IsNullOrEmpty(request.MessageId), "messageId", "is required for this action")
            .When(!targetsMessage && request.MessageId is not null, "messageId", "is not used by this action")
            .When(request.Action == ModerationKind.Mute && request.DurationSeconds is < 1 or > MaxMuteSeconds, "durationSeconds", $"must be between 1 and {MaxMuteSeconds}")
            .When(request.Action == ModerationKind.Pin && request.DurationSeconds is < 1 or > MaxPinSeconds, "durationSeconds", $"must be between 1 and {MaxPinSeconds}")
            .When(request.Action is not (ModerationKind.Mute or ModerationKind.Pin) && request.DurationSeconds is not null, "durationSeconds", "is not used by this action")
            .When(request.Action == ModerationKind.SlowMode && request.SlowModeSeconds is null, "slowModeSeconds", "is required (0 switches slow mode off)")
            .When(request.SlowModeSeconds is < 0 or > ChatSettings.MaxSlowModeSeconds, "slowModeSeconds", $"must be between 0 and {ChatSettings.MaxSlowModeSeconds}")
            .When(request.Action != ModerationKind.SlowMode && request.SlowModeSeconds is not null, "slowModeSeconds", "is not used by this action")
            .When(targetsUser && request.UserId == room.HostUserId && request.Action is ModerationKind.Mute or ModerationKind.Ban, "userId", "the room's host cannot be muted or banned")
            .When(targetsUser && by.Kind == Moderator.UserKind && request.UserId == by.Id, "userId", "you cannot moderate yourself");
        Text.Optional(errors, "reason", request.Reason, MaxReasonLength);
        errors.ThrowIfAny();
    }

    public static DateTimeOffset MuteUntil(ModerationRequest request, DateTimeOffset now) =>
        now.AddSeconds(request.DurationSeconds ?? DefaultMuteSeconds);

    public static DateTimeOffset PinUntil(ModerationRequest request, DateTimeOffset now) =>
        now.AddSeconds(request.DurationSeconds ?? DefaultPinSeconds);
}
