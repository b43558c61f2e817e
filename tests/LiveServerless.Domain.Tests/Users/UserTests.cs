using LiveServerless.Domain.Common;
using LiveServerless.Domain.Users;

namespace LiveServerless.Domain.Tests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static User Alice() => User.Create("t1", new NewUser("alice", "Alice", UserRole.Host, null, ["Music", " music ", "Jazz"]), Now);

    [Fact]
    public void Create_AppliesDefaultsAndNormalisesTags()
    {
        var user = User.Create("t1", new NewUser(null, "  Bob ", null, null, null), Now);

        Assert.True(Ids.IsValid(user.Id));
        Assert.Equal("Bob", user.DisplayName);
        Assert.Equal(UserRole.Viewer, user.Role);
        Assert.Empty(user.Tags);
        Assert.Equal(Now, user.CreatedAt);
        Assert.Equal(["music", "jazz"], Alice().Tags);
    }

    [Fact]
    public void Create_ReportsEveryBrokenRuleAtOnce()
    {
        var draft = new NewUser("bad id!", "", null, "ftp://example.com/a.png", Enumerable.Repeat("x", 21).ToArray());

        var error = Assert.Throws<ValidationException>(() => User.Create("t1", draft, Now));

        Assert.Equal(["avatarUrl", "displayName", "id", "tags"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Create_OverlongDisplayName_IsInvalid()
    {
        var error = Assert.Throws<ValidationException>(() => User.Create("t1", new NewUser(null, new string('a', 65), null, null, null), Now));

        Assert.Contains("displayName", error.Errors.Keys);
    }

    [Fact]
    public void Apply_UnsetFields_StayUnchanged()
    {
        var alice = Alice();

        var updated = alice.Apply(new UserChanges(default, default, default, default), Now.AddMinutes(1));

        Assert.Equal(alice with { UpdatedAt = Now.AddMinutes(1) }, updated);
    }

    [Fact]
    public void Apply_NullClearsOptionalFields_AndSetsOthers()
    {
        var alice = Alice() with { AvatarUrl = "https://cdn.example/a.png" };

        var updated = alice.Apply(new UserChanges("Al", UserRole.Moderator, new Optional<string?>(true, null), new Optional<IReadOnlyList<string>?>(true, [])), Now);

        Assert.Equal("Al", updated.DisplayName);
        Assert.Equal(UserRole.Moderator, updated.Role);
        Assert.Null(updated.AvatarUrl);
        Assert.Empty(updated.Tags);
    }

    [Fact]
    public void Apply_NullForRequiredFields_IsInvalid()
    {
        var changes = new UserChanges(new Optional<string?>(true, null), new Optional<UserRole?>(true, null), default, new Optional<IReadOnlyList<string>?>(true, null));

        var error = Assert.Throws<ValidationException>(() => Alice().Apply(changes, Now));

        Assert.Equal(["displayName", "role", "tags"], error.Errors.Keys.Order());
    }
}
