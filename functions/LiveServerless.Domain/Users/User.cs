using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Users;

/// <summary>An end user of a partner's streaming app, as the partner registered them.</summary>
public sealed record User(
    string Id,
    string TenantId,
    string DisplayName,
    UserRole Role,
    string? AvatarUrl,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxDisplayNameLength = 64;

    public static User Create(string tenantId, NewUser draft, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.When(draft.Id is not null && !Ids.IsValid(draft.Id), "id", Ids.Rule);
        Text.Required(errors, "displayName", draft.DisplayName, MaxDisplayNameLength);
        Text.OptionalAbsoluteHttpUrl(errors, "avatarUrl", draft.AvatarUrl);
        TagRules.Validate(errors, "tags", draft.Tags);
        errors.ThrowIfAny();

        return new User(
            draft.Id ?? Ids.New(),
            tenantId,
            draft.DisplayName!.Trim(),
            draft.Role ?? UserRole.Viewer,
            draft.AvatarUrl,
            TagRules.Normalize(draft.Tags ?? []),
            now,
            now);
    }

    public User Apply(UserChanges changes, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (changes.DisplayName.IsSet)
        {
            Text.Required(errors, "displayName", changes.DisplayName.Value, MaxDisplayNameLength);
        }

        errors.When(changes.Role is { IsSet: true, Value: null }, "role", "cannot be null");
        Text.OptionalAbsoluteHttpUrl(errors, "avatarUrl", changes.AvatarUrl.Value);
        errors.When(changes.Tags is { IsSet: true, Value: null }, "tags", "cannot be null; send [] to clear");
        TagRules.Validate(errors, "tags", changes.Tags.Value);
        errors.ThrowIfAny();

        return this with
        {
            DisplayName = changes.DisplayName.IsSet ? changes.DisplayName.Value!.Trim() : DisplayName,
            Role = changes.Role.Or(Role) ?? Role,
            AvatarUrl = changes.AvatarUrl.Or(AvatarUrl),
            Tags = changes.Tags.IsSet ? TagRules.Normalize(changes.Tags.Value!) : Tags,
            UpdatedAt = now,
        };
    }
}

/// <summary>What a partner supplies to register a user; the id is optional so partners can bring their own.</summary>
public sealed record NewUser(string? Id, string? DisplayName, UserRole? Role, string? AvatarUrl, IReadOnlyList<string>? Tags);

/// <summary>A partial update: unset fields stay as they are.</summary>
public sealed record UserChanges(
    Optional<string?> DisplayName,
    Optional<UserRole?> Role,
    Optional<string?> AvatarUrl,
    Optional<IReadOnlyList<string>?> Tags);
