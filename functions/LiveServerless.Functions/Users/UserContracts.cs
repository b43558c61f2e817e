using System.Text.Json.Serialization;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Users;

namespace LiveServerless.Functions.Users;

public sealed record CreateUserRequest(string? Id, string? DisplayName, UserRole? Role, string? AvatarUrl, IReadOnlyList<string>? Tags)
{
    public NewUser ToDraft() => new(Id, DisplayName, Role, AvatarUrl, Tags);
}

/// <summary>JSON merge-patch: absent fields stay, <c>null</c> clears an optional field.</summary>
public sealed record UpdateUserRequest
{
    public Optional<string?> DisplayName { get; init; }

    public Optional<UserRole?> Role { get; init; }

    public Optional<string?> AvatarUrl { get; init; }

    public Optional<IReadOnlyList<string>?> Tags { get; init; }

    public UserChanges ToChanges() => new(DisplayName, Role, AvatarUrl, Tags);
}

public sealed record UserResponse(
    string Id,
    string DisplayName,
    UserRole Role,
    string? AvatarUrl,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static UserResponse From(Versioned<User> versioned) => From(versioned.Value);

    public static UserResponse From(User user) =>
        new(user.Id, user.DisplayName, user.Role, user.AvatarUrl, user.Tags, user.CreatedAt, user.UpdatedAt);
}

public sealed record MintTokenRequest(int? LifetimeMinutes);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, string UserId, string TokenType = "Bearer");

/// <summary>The export document: <c>user</c>, <c>exportedAt</c>, and one member per user-data store (profile, wallet, ...).</summary>
public sealed record UserExportResponse(UserResponse User, DateTimeOffset ExportedAt)
{
    [JsonExtensionData]
    public Dictionary<string, object?> Sections { get; init; } = [];

    public static UserExportResponse From(UserExport export) =>
        new(UserResponse.From(export.User), export.ExportedAt) { Sections = new(export.Sections, StringComparer.Ordinal) };
}
