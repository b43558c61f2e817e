using System.Text.Json;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// What a well-behaved web client keeps of one room: its events by <c>seq</c>, from the seq its join answered. Events arrive in
/// <c>roomEvents</c> batches (possibly out of order across app instances, possibly again) and from <c>/events?after=</c>; each seq
/// is taken once, and <see cref="CatchUpAsync"/> closes every gap from the API, as README "Real-time events" tells clients to.
/// </summary>
public sealed class RoomTimeline(string roomId, long joinedAtSeq)
{
    private readonly SortedDictionary<long, JsonElement> _events = [];

    /// <summary>How many events arrived for a seq already held (dropped, as a client drops them).</summary>
    public int Duplicates { get; private set; }

    public IReadOnlyList<JsonElement> Events => [.. _events.Values];

    public IReadOnlyList<long> Seqs => [.. _events.Keys];

    /// <summary>The highest seq up to which nothing is missing.</summary>
    public long ContiguousThrough
    {
        get
        {
            var through = joinedAtSeq;
            while (_events.ContainsKey(through + 1))
            {
                through++;
            }

            return through;
        }
    }

    public void Take(IEnumerable<JsonElement> batches)
    {
        foreach (var batch in batches.Where(b => b.GetProperty("roomId").GetString() == roomId))
        {
            foreach (var roomEvent in batch.GetProperty("events").EnumerateArray())
            {
                Add(roomEvent);
            }
        }
    }

    /// <summary>Reads <c>/events?after=</c> from the last contiguous seq, page by page, until the room has nothing newer.</summary>
    public async Task CatchUpAsync(ApiClient api)
    {
        var path = $"/api/rooms/{roomId}/events?after={ContiguousThrough}&limit=50";
        while (true)
        {
            var page = await (await api.GetAsync(path)).JsonAsync();
            foreach (var roomEvent in page.GetProperty("items").EnumerateArray())
            {
                Add(roomEvent);
            }

            if (page.GetProperty("continuationToken").GetString() is not { } token)
            {
                return;
            }

            path = $"/api/rooms/{roomId}/events?after={ContiguousThrough}&limit=50&continuationToken={Uri.EscapeDataString(token)}";
        }
    }

    public IEnumerable<JsonElement> DataOf(string type) =>
        Events.Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty("data"));

    private void Add(JsonElement roomEvent)
    {
        var seq = roomEvent.GetProperty("seq").GetInt64();
        if (seq <= joinedAtSeq)
        {
            return;
        }

        if (!_events.TryAdd(seq, roomEvent.Clone()))
        {
            Duplicates++;
        }
    }
}
