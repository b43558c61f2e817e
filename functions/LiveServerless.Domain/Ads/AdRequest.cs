using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// What the decision knows about the viewer, taken as plain inputs so the app can fill it from whatever holds the profile.
/// <see cref="CategoryCtr"/> is the viewer's predicted ad click-through rate per room category (already smoothed by the profile).
/// </summary>
public sealed record AdAudience(
    string UserId,
    IReadOnlySet<string> Segments,
    IReadOnlySet<string> InterestTags,
    IReadOnlyDictionary<string, double> CategoryCtr)
{
    /// <summary>Builds an audience with its values normalised the way campaign targeting is.</summary>
    public static AdAudience Create(
        string userId, IEnumerable<string> segments, IEnumerable<string> interestTags, IReadOnlyDictionary<string, double>? categoryCtr = null) =>
        new(userId, ToSet(segments), ToSet(interestTags), categoryCtr ?? new Dictionary<string, double>(StringComparer.Ordinal));

    internal static HashSet<string> ToSet(IEnumerable<string> values) => Targeting.Normalize(values).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One ad request: a viewer in a room of a tenant. Campaigns of other tenants are never candidates.</summary>
public sealed record AdRequest(string TenantId, string RoomId, string? RoomCategory, IReadOnlySet<string> RoomTags, AdAudience Audience)
{
    /// <summary>Rooms already store their category and tags normalised.</summary>
    public static AdRequest ForRoom(Room room, AdAudience audience) =>
        new(room.TenantId, room.Id, room.Category, room.Tags.ToHashSet(StringComparer.Ordinal), audience);

    /// <summary>A request with its room context normalised the way campaign targeting is.</summary>
    public static AdRequest Create(string tenantId, string roomId, string? roomCategory, IEnumerable<string> roomTags, AdAudience audience) =>
        new(tenantId, roomId, NormalizeCategory(roomCategory), AdAudience.ToSet(roomTags), audience);

    private static string? NormalizeCategory(string? category) =>
        Targeting.Normalize(category is null ? [] : [category]) is [var normalized] ? normalized : null;
}
