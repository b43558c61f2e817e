using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Rooms;

/// <summary>A live room: one host streaming to viewers who chat and interact.</summary>
public sealed record Room(
    string Id,
    string TenantId,
    string HostUserId,
    string Title,
    string? Category,
    IReadOnlyList<string> Tags,
    RoomStatus Status,
    ChatSettings Chat,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public const int MaxTitleLength = 140;

    public const int MaxCategoryLength = 64;

    public bool IsLive => Status == RoomStatus.Live;

    public static Room Create(string tenantId, NewRoom draft, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.When(draft.Id is not null && !Ids.IsValid(draft.Id), "id", Ids.Rule);
        if (draft.HostUserId is null)
        {
            errors.Add("hostUserId", "is required");
        }
        else
        {
            errors.When(!Ids.IsValid(draft.HostUserId), "hostUserId", Ids.Rule);
        }

        Text.Required(errors, "title", draft.Title, MaxTitleLength);
        Text.Optional(errors, "category", draft.Category, MaxCategoryLength);
        TagRules.Validate(errors, "tags", draft.Tags);
        ChatSettings.Validate(errors, draft.SlowModeSeconds, draft.MaxMessageLength, draft.BannedWords);
        errors.ThrowIfAny();

        var chat = new ChatSettings(
            draft.SlowModeSeconds ?? 0,
            draft.MaxMessageLength ?? ChatSettings.DefaultMaxMessageLength,
            draft.FollowersOnly ?? false,
            ChatSettings.NormalizeWords(draft.BannedWords ?? []));
        return new Room(
            draft.Id ?? Ids.New(), tenantId, draft.HostUserId!, draft.Title!.Trim(), NormalizeCategory(draft.Category),
            TagRules.Normalize(draft.Tags ?? []), RoomStatus.Scheduled, chat, now, now, StartedAt: null, EndedAt: null);
    }

    public Room Apply(RoomChanges changes, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (changes.Title.IsSet)
        {
            Text.Required(errors, "title", changes.Title.Value, MaxTitleLength);
        }

        Text.Optional(errors, "category", changes.Category.Value, MaxCategoryLength);
        errors.When(changes.Tags is { IsSet: true, Value: null }, "tags", "cannot be null; send [] to clear");
        TagRules.Validate(errors, "tags", changes.Tags.Value);
        errors.When(changes.SlowModeSeconds is { IsSet: true, Value: null }, "slowModeSeconds", "cannot be null; send 0 to switch slow mode off");
        errors.When(changes.MaxMessageLength is { IsSet: true, Value: null }, "maxMessageLength", "cannot be null");
        errors.When(changes.FollowersOnly is { IsSet: true, Value: null }, "followersOnly", "cannot be null");
        errors.When(changes.BannedWords is { IsSet: true, Value: null }, "bannedWords", "cannot be null; send [] to clear");
        ChatSettings.Validate(errors, changes.SlowModeSeconds.Value, changes.MaxMessageLength.Value, changes.BannedWords.Value);
        errors.When(Status == RoomStatus.Ended, "status", "an ended room can no longer be changed");
        errors.ThrowIfAny();

        return this with
        {
            Title = changes.Title.IsSet ? changes.Title.Value!.Trim() : Title,
            Category = changes.Category.IsSet ? NormalizeCategory(changes.Category.Value) : Category,
            Tags = changes.Tags.IsSet ? TagRules.Normalize(changes.Tags.Value!) : Tags,
            Chat = new ChatSettings(
                changes.SlowModeSeconds.Or(Chat.SlowModeSeconds) ?? Chat.SlowModeSeconds,
                changes.MaxMessageLength.Or(Chat.MaxMessageLength) ?? Chat.MaxMessageLength,
                changes.FollowersOnly.Or(Chat.FollowersOnly) ?? Chat.FollowersOnly,
                changes.BannedWords.IsSet ? ChatSettings.NormalizeWords(changes.BannedWords.Value!) : Chat.BannedWords),
            UpdatedAt = now,
        };
    }

    public Room Start(DateTimeOffset now) => Status switch
    {
        RoomStatus.Scheduled => this with { Status = RoomStatus.Live, StartedAt = now, UpdatedAt = now },
        RoomStatus.Live => throw new ConflictException($"Room '{Id}' is already live."),
        _ => throw new ConflictException($"Room '{Id}' has ended and cannot be started again."),
    };

    public Room End(DateTimeOffset now) => Status switch
    {
        RoomStatus.Ended => throw new ConflictException($"Room '{Id}' has already ended."),
        _ => this with { Status = RoomStatus.Ended, EndedAt = now, UpdatedAt = now },
    };

    private static string? NormalizeCategory(string? category) =>
        string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant();
}

/// <summary>What a partner supplies to create a room; chat settings are flat fields with defaults.</summary>
public sealed record NewRoom(
    string? Id,
    string? HostUserId,
    string? Title,
    string? Category,
    IReadOnlyList<string>? Tags,
    int? SlowModeSeconds,
    int? MaxMessageLength,
    bool? FollowersOnly,
    IReadOnlyList<string>? BannedWords);

/// <summary>A partial update of a room's description and chat settings; the lifecycle changes only through start and end.</summary>
public sealed record RoomChanges(
    Optional<string?> Title,
    Optional<string?> Category,
    Optional<IReadOnlyList<string>?> Tags,
    Optional<int?> SlowModeSeconds,
    Optional<int?> MaxMessageLength,
    Optional<bool?> FollowersOnly,
    Optional<IReadOnlyList<string>?> BannedWords);
