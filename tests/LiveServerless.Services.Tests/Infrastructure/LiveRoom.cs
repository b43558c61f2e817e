using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Services.Tests.Infrastructure;

/// <summary>
/// A live room of a tenant of its own (so tests never see each other's data), with its host, and the calls the rules are reached
/// through — each one the app's service, as the function calls it.
/// </summary>
public sealed class LiveRoom
{
    private static readonly PageRequest FirstPage = new(50, null);

    private readonly AppServicesFixture _app;

    private LiveRoom(AppServicesFixture app, string tenantId, string roomId)
    {
        _app = app;
        TenantId = tenantId;
        RoomId = roomId;
        Partner = new Partner(tenantId, "key-services-tests", [PartnerScope.Users, PartnerScope.Rooms, PartnerScope.Moderation]);
    }

    public const string HostId = "host";

    public string TenantId { get; }

    public string RoomId { get; }

    /// <summary>The tenant's backend, with the moderation scope.</summary>
    public Partner Partner { get; }

    public static async Task<LiveRoom> StartAsync(AppServicesFixture app, NewRoom? settings = null)
    {
        var tenantId = $"t{Guid.NewGuid():N}";
        var room = new LiveRoom(app, tenantId, "room-1");
        await room.AddUserAsync(HostId, UserRole.Host);
        var draft = (settings ?? Settings()) with { Id = room.RoomId, HostUserId = HostId };
        await app.Get<RoomService>().CreateAsync(tenantId, draft, CancellationToken.None);
        await app.Get<RoomService>().StartAsync(tenantId, room.RoomId, ifMatch: null, CancellationToken.None);
        return room;
    }

    /// <summary>A room's settings; the defaults are the app's own (no slow mode, anyone may chat, no banned words).</summary>
    public static NewRoom Settings(int? slowModeSeconds = null, int? maxMessageLength = null, bool? followersOnly = null, IReadOnlyList<string>? bannedWords = null) =>
        new(null, null, "Late night jazz", "music", ["jazz"], slowModeSeconds, maxMessageLength, followersOnly, bannedWords);

    public async Task<WebUser> AddUserAsync(string userId, UserRole role = UserRole.Viewer)
    {
        await _app.Get<UserService>().CreateAsync(TenantId, new NewUser(userId, $"Display {userId}", role, null, null), CancellationToken.None);
        return As(userId, role);
    }

    public WebUser As(string userId, UserRole role = UserRole.Viewer) => new(TenantId, userId, role);

    public WebUser Host => As(HostId, UserRole.Host);

    public async Task<ChatMessage> PostAsync(string userId, string text)
    {
        var sender = (await _app.Get<UserService>().GetAsync(TenantId, userId, CancellationToken.None)).Value;
        return (await _app.Get<ChatService>().PostAsync(TenantId, sender, RoomId, text, CancellationToken.None)).Message;
    }

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync() =>
        (await _app.Get<ChatService>().HistoryAsync(Partner, RoomId, afterId: null, FirstPage, CancellationToken.None)).Items;

    public Task<ModerationAction> ModerateAsync(Caller by, ModerationKind action, string? userId = null, string? messageId = null, int? durationSeconds = null, int? slowModeSeconds = null) =>
        _app.Get<ModerationService>().ApplyAsync(by, RoomId, new ModerationRequest(action, userId, messageId, durationSeconds, slowModeSeconds, Reason: null), CancellationToken.None);

    public async Task<IReadOnlyList<ModerationAction>> ModerationLogAsync(Caller caller) =>
        (await _app.Get<ModerationService>().ListAsync(caller, RoomId, FirstPage, CancellationToken.None)).Items;

    public Task<JoinedRoom> JoinAsync(string userId) => _app.Get<PresenceService>().JoinAsync(As(userId), RoomId, CancellationToken.None);

    public Task LeaveAsync(string userId) => _app.Get<PresenceService>().LeaveAsync(As(userId), RoomId, CancellationToken.None);

    public async Task<int> ViewerCountAsync() =>
        (await _app.Get<PresenceService>().ViewersAsync(Partner, RoomId, FirstPage, CancellationToken.None)).Count;

    public Task ChangeAsync(RoomChanges changes) =>
        _app.Get<RoomService>().UpdateAsync(TenantId, RoomId, changes, ifMatch: null, CancellationToken.None);

    public Task EndAsync() => _app.Get<RoomService>().EndAsync(TenantId, RoomId, ifMatch: null, CancellationToken.None);
}
