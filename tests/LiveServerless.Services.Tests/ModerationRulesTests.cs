using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Users;
using LiveServerless.Services.Tests.Infrastructure;

namespace LiveServerless.Services.Tests;

/// <summary>Moderation through <c>ModerationService</c>: who may act, what each action does to chat and presence, and the audit log.</summary>
[Collection(AppServicesCollection.Name)]
public sealed class ModerationRulesTests(AppServicesFixture app)
{
    [Fact]
    public async Task DeleteMessage_RemovesItFromHistory_AndDeletingItAgainIsNotFound()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("frank");
        var doomed = await room.PostAsync("frank", "regrettable");
        await room.PostAsync("frank", "fine");

        await room.ModerateAsync(room.Host, ModerationKind.DeleteMessage, messageId: doomed.Id);

        Assert.Equal(["fine"], (await room.HistoryAsync()).Select(m => m.Text));
        await Assert.ThrowsAsync<NotFoundException>(() => room.ModerateAsync(room.Host, ModerationKind.DeleteMessage, messageId: doomed.Id));
    }

    [Fact]
    public async Task AnOrdinaryViewer_CannotModerateOrReadTheLog_ButATenantModeratorCan()
    {
        var room = await LiveRoom.StartAsync(app);
        var viewer = await room.AddUserAsync("viewer");
        var moderator = await room.AddUserAsync("mod", UserRole.Moderator);
        await room.PostAsync("viewer", "soon gone");

        await Assert.ThrowsAsync<ForbiddenException>(() => room.ModerateAsync(viewer, ModerationKind.Clear));
        await Assert.ThrowsAsync<ForbiddenException>(() => room.ModerationLogAsync(viewer));
        var cleared = await room.ModerateAsync(moderator, ModerationKind.Clear);

        Assert.Equal(Moderator.User("mod"), cleared.By);
        Assert.Empty(await room.HistoryAsync());
    }

    [Fact]
    public async Task Pin_IsReturnedToLateJoiners_UntilUnpinned()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("late");
        await room.AddUserAsync("later");
        var message = await room.PostAsync(LiveRoom.HostId, "welcome all");

        var pinned = await room.ModerateAsync(room.Host, ModerationKind.Pin, messageId: message.Id, durationSeconds: 120);
        var joined = await room.JoinAsync("late");
        await room.ModerateAsync(room.Host, ModerationKind.Unpin);

        Assert.Equal(message.Id, joined.Pinned?.Message.Id);
        Assert.Equal(pinned.Until, joined.Pinned?.ExpiresAt);
        Assert.Null((await room.JoinAsync("later")).Pinned);
    }

    [Fact]
    public async Task Ban_TakesTheViewerOutOfTheRoom_AndKeepsThemOut()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("mallory");
        await room.AddUserAsync("watcher");
        await room.JoinAsync("mallory");
        await room.JoinAsync("watcher");

        await room.ModerateAsync(room.Partner, ModerationKind.Ban, userId: "mallory");

        Assert.Equal(1, await room.ViewerCountAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => room.JoinAsync("mallory"));
    }

    [Fact]
    public async Task Mute_LastsItsDuration_AndNamesItInTheRefusal()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("mallory");

        var muted = await room.ModerateAsync(room.Host, ModerationKind.Mute, userId: "mallory", durationSeconds: 60);

        Assert.NotNull(muted.Until);
        Assert.InRange(muted.Until.Value - muted.At, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(() => room.PostAsync("mallory", "muted words"));
        Assert.Contains("muted", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAction_IsInTheAuditLog_NewestFirst_WithWhoDidIt()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("carol");

        await room.ModerateAsync(room.Partner, ModerationKind.Ban, userId: "carol");
        await room.ModerateAsync(room.Partner, ModerationKind.Unban, userId: "carol");
        await room.ModerateAsync(room.Partner, ModerationKind.Mute, userId: "carol", durationSeconds: 600);
        await room.ModerateAsync(room.Host, ModerationKind.Unmute, userId: "carol");

        var log = await room.ModerationLogAsync(room.Partner);
        Assert.Equal([ModerationKind.Unmute, ModerationKind.Mute, ModerationKind.Unban, ModerationKind.Ban], log.Select(a => a.Action));
        Assert.Equal([Moderator.UserKind, Moderator.PartnerKind, Moderator.PartnerKind, Moderator.PartnerKind], log.Select(a => a.By.Kind));
    }

    [Fact]
    public async Task ModeratingAUserUnknownToTheTenant_IsNotFound_AndNotRecorded()
    {
        var room = await LiveRoom.StartAsync(app);

        await Assert.ThrowsAsync<NotFoundException>(() => room.ModerateAsync(room.Partner, ModerationKind.Ban, userId: "ghost"));

        Assert.Empty(await room.ModerationLogAsync(room.Partner));
    }
}
