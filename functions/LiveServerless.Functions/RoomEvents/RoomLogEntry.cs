using Azure.Data.Tables;
using LiveServerless.Domain.Chat;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>What an entry adds to the room: its event, and the state rows that change with it (same transaction).</summary>
public sealed record RoomLogDecision(string Type, object Data, IReadOnlyList<TableTransactionAction> Rows);

/// <summary>
/// One thing to append to a room's log. It is decided at commit time, against the room's chat state as of the seq just before
/// it — so the rules (bans, mutes, slow mode) are judged on exactly the order every client will see — and again if another
/// instance wrote to the room first. Refusals are the domain exceptions that map to their HTTP status.
/// </summary>
public abstract class RoomLogEntry
{
    internal TaskCompletionSource<RoomEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The user whose chat state the decision reads (loaded before deciding), if any.</summary>
    public virtual string? ChatterId => null;

    /// <summary>True when committing this entry changes the room record: every instance reads the room again.</summary>
    public virtual bool ChangesRoom => false;

    /// <summary>Facts the decision needs that cost I/O (whether the sender follows the host); runs before each decision.</summary>
    public virtual Task PrepareAsync(RoomChatState state, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Pays for an accepted entry once (a rate limit); throws the refusal. Runs after the decision, before the write.</summary>
    public virtual Task ChargeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal bool Charged { get; set; }

    /// <summary>Whether the entry happens, as event number <paramref name="seq"/> at <paramref name="now"/>; throws its refusal.</summary>
    public abstract RoomLogDecision Decide(RoomChatState state, long seq, DateTimeOffset now);
}

/// <summary>An event that happens whatever the chat state (a viewer count, statistics, a moderation action already authorised).</summary>
public sealed class PlainRoomEntry(string type, object data, IReadOnlyList<TableTransactionAction>? rows = null, bool changesRoom = false) : RoomLogEntry
{
    public override bool ChangesRoom => changesRoom;

    public override RoomLogDecision Decide(RoomChatState state, long seq, DateTimeOffset now) => new(type, data, rows ?? []);
}
