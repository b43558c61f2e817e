using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Users;

namespace LiveServerless.Domain.Chat;

/// <summary>What the chat rules know about one user in one room: a ban, a mute, and when they last wrote.</summary>
public sealed record Chatter(DateTimeOffset? BannedSince, DateTimeOffset? MutedUntil, DateTimeOffset? LastMessageAt)
{
    public static readonly Chatter Unknown = new(null, null, null);
}

/// <summary>
/// The chat rules' view of one room as of one point in its order of events: the room (settings, status) and the chatters
/// looked at so far. It changes only by the room's own events (<see cref="Spoke"/>, <see cref="Moderated"/>), so an instance
/// that learns of events written elsewhere replays them here and is current again. A <see cref="Fork"/> takes tentative
/// changes (a batch being decided) that reach the original only by <see cref="MergeInto"/>.
/// </summary>
public sealed class RoomChatState
{
    private readonly Dictionary<string, Chatter> _chatters = new(StringComparer.Ordinal);

    private readonly RoomChatState? _parent;

    public RoomChatState(Room room) => Room = room;

    private RoomChatState(RoomChatState parent)
    {
        _parent = parent;
        Room = parent.Room;
    }

    public Room Room { get; set; }

    /// <summary>How many chatters this view holds (not counting a fork's parent).</summary>
    public int ChatterCount => _chatters.Count;

    public bool Knows(string userId) => _chatters.ContainsKey(userId) || (_parent?.Knows(userId) ?? false);

    public Chatter Of(string userId) =>
        _chatters.TryGetValue(userId, out var chatter) ? chatter : _parent?.Of(userId) ?? Chatter.Unknown;

    /// <summary>Takes what storage says about a chatter this view did not know yet.</summary>
    public void Remember(string userId, Chatter chatter) => _chatters[userId] = chatter;

    /// <summary>Forgets every chatter (they are read again when next needed).</summary>
    public void ForgetChatters() => _chatters.Clear();

    public RoomChatState Fork() => new(this);

    /// <summary>Applies a fork's changes to the view it was forked from.</summary>
    public void MergeInto(RoomChatState parent)
    {
        foreach (var (userId, chatter) in _chatters)
        {
            parent._chatters[userId] = chatter;
        }

        parent.Room = Room;
    }

    /// <summary>A chat message by <paramref name="userId"/> at <paramref name="at"/> (slow mode counts from the latest).</summary>
    public void Spoke(string userId, DateTimeOffset at)
    {
        if (Knows(userId))
        {
            var chatter = Of(userId);
            _chatters[userId] = chatter with { LastMessageAt = chatter.LastMessageAt is { } last && last > at ? last : at };
        }
    }

    /// <summary>A moderation event (<c>mute</c>, <c>unmute</c>, <c>ban</c>, <c>unban</c>); others do not change who may write.</summary>
    public void Moderated(string action, string? userId, DateTimeOffset at, DateTimeOffset? until)
    {
        if (userId is null || !Knows(userId))
        {
            return;
        }

        var chatter = Of(userId);
        _chatters[userId] = action switch
        {
            "ban" => chatter with { BannedSince = at },
            "unban" => chatter with { BannedSince = null },
            "mute" => chatter with { MutedUntil = until },
            "unmute" => chatter with { MutedUntil = null },
            _ => chatter,
        };
    }

    /// <summary>The attempt the chat gate judges, as this view sees the room and the sender.</summary>
    public ChatAttempt Attempt(string senderId, UserRole senderRole, string? text, bool senderFollowsHost, DateTimeOffset now)
    {
        var chatter = Of(senderId);
        var isStaff = ModerationRules.IsStaff(Room, senderId, senderRole);
        return new ChatAttempt(Room, senderId, isStaff, text, chatter.BannedSince, chatter.MutedUntil, senderFollowsHost, chatter.LastMessageAt, now);
    }
}
