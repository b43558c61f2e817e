using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Users;

namespace LiveServerless.Domain.Tests.Moderation;

public sealed class ModerationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);

    private static readonly Room Room = Room.Create("t", new NewRoom("r", "host", "Room", null, null, null, null, null, null), Now);

    private static ModerationRequest Request(ModerationKind action, string? userId = null, string? messageId = null, int? duration = null, int? slowMode = null) =>
        new(action, userId, messageId, duration, slowMode, null);

    [Theory]
    [InlineData("host", UserRole.Viewer, true)]
    [InlineData("someone", UserRole.Moderator, true)]
    [InlineData("someone", UserRole.Viewer, false)]
    [InlineData("other-host", UserRole.Host, false)]
    public void IsStaff_TheRoomsHostOrAModerator(string userId, UserRole role, bool expected) =>
        Assert.Equal(expected, ModerationRules.IsStaff(Room, userId, role));

    [Fact]
    public void RequireStaff_AViewer_IsForbidden() =>
        Assert.Throws<ForbiddenException>(() => ModerationRules.RequireStaff(Room, "someone", UserRole.Viewer));

    [Fact]
    public void Validate_WellFormedRequests_Pass()
    {
        var partner = Moderator.Partner("key");
        ModerationRules.Validate(Request(ModerationKind.Mute, "u", duration: 60), Room, partner);
        ModerationRules.Validate(Request(ModerationKind.Ban, "u"), Room, partner);
        ModerationRules.Validate(Request(ModerationKind.SlowMode, slowMode: 0), Room, partner);
        ModerationRules.Validate(Request(ModerationKind.Pin, messageId: "m"), Room, partner);
        ModerationRules.Validate(Request(ModerationKind.Clear), Room, partner);
    }

    [Theory]
    [InlineData(ModerationKind.Mute, null, null, null, null, "userId")]
    [InlineData(ModerationKind.Mute, "u", null, 0, null, "durationSeconds")]
    [InlineData(ModerationKind.Ban, "host", null, null, null, "userId")]
    [InlineData(ModerationKind.Ban, "u", "m", null, null, "messageId")]
    [InlineData(ModerationKind.SlowMode, null, null, null, null, "slowModeSeconds")]
    [InlineData(ModerationKind.SlowMode, null, null, null, 3601, "slowModeSeconds")]
    [InlineData(ModerationKind.Pin, null, null, null, null, "messageId")]
    [InlineData(ModerationKind.Clear, "u", null, null, null, "userId")]
    [InlineData(ModerationKind.DeleteMessage, null, "m", 5, null, "durationSeconds")]
    public void Validate_BrokenRequests_NameTheField(ModerationKind action, string? userId, string? messageId, int? duration, int? slowMode, string field)
    {
        var error = Assert.Throws<ValidationException>(() => ModerationRules.Validate(Request(action, userId, messageId, duration, slowMode), Room, Moderator.Partner("key")));

        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void Validate_AModeratorCannotMuteThemselves()
    {
        var error = Assert.Throws<ValidationException>(() => ModerationRules.Validate(Request(ModerationKind.Mute, "mod", duration: 60), Room, Moderator.User("mod")));

        Assert.Contains("userId", error.Errors.Keys);
    }

    [Fact]
    public void MuteAndPin_HaveDefaultsWhenNoDurationIsGiven()
    {
        Assert.Equal(Now.AddSeconds(ModerationRules.DefaultMuteSeconds), ModerationRules.MuteUntil(Request(ModerationKind.Mute, "u"), Now));
        Assert.Equal(Now.AddSeconds(ModerationRules.DefaultPinSeconds), ModerationRules.PinUntil(Request(ModerationKind.Pin, messageId: "m"), Now));
    }
}
