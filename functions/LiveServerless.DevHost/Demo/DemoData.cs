namespace LiveServerless.DevHost.Demo;

/// <summary>A seeded user: one host per room, a moderator, and viewers with coins.</summary>
public sealed record DemoUser(string UserId, string DisplayName, string Role, IReadOnlyList<string> Tags);

public sealed record DemoRoom(string RoomId, string HostUserId, string Title, string Category, IReadOnlyList<string> Tags);

public sealed record DemoGift(string GiftId, string Name, int Price);

/// <summary>
/// What a newcomer finds when DevHost starts: the demo tenant's people, live rooms, gift catalog, coins and ad campaign. The
/// prices and coins are chosen so the expensive gift is more than a viewer holds (the 402 is one click away).
/// </summary>
public static class DemoData
{
    public const string TenantName = "Demo";

    public const int WelcomeCoins = 200;

    /// <summary>The partner's payment reference of the welcome coins: crediting it again credits nothing (the API's idempotency).</summary>
    public const string WelcomeCoinsReference = "demo-welcome-coins";

    public const string CampaignName = "Demo: studio headphones";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("bob", "Bob", "viewer", ["jazz"]),
        new("eve", "Eve", "viewer", ["chess"]),
        new("mia", "Mia", "moderator", []),
        new("alice", "Alice", "host", ["jazz", "music"]),
        new("carlos", "Carlos", "host", ["chess", "games"]),
        new("dana", "Dana", "host", ["cooking", "food"]),
    ];

    public static readonly IReadOnlyList<DemoRoom> Rooms =
    [
        new("jazz-night", "alice", "Late night jazz", "music", ["jazz", "music", "live-music"]),
        new("chess-blitz", "carlos", "Blitz chess with commentary", "games", ["chess", "games"]),
        new("pasta-live", "dana", "Fresh pasta from scratch", "food", ["cooking", "food", "italian"]),
    ];

    public static readonly IReadOnlyList<DemoGift> Gifts =
    [
        new("rose", "Rose", 5),
        new("heart", "Heart", 20),
        new("rocket", "Rocket", 100),
        new("castle", "Castle", 500),
    ];

    /// <summary>Everyone but the hosts gets coins to spend.</summary>
    public static IEnumerable<DemoUser> Spenders => Users.Where(u => u.Role != "host");

    public static IReadOnlyList<string> RoomTags => [.. Rooms.SelectMany(r => r.Tags).Distinct()];
}
