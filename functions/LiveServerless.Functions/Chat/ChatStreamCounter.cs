using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Resilience;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Chat;

/// <summary>
/// Chat is an interaction too (room statistics, profiles): each commit's chat messages go to the interaction stream as one send,
/// after the commit and without holding up the posters. The messages are already stored and delivered, so a stream outage only
/// costs the statistics those messages (logged and counted, never reported to the posters, who would retry).
/// </summary>
public sealed partial class ChatStreamCounter(InteractionPublisher stream, TimeProvider time, ILogger<ChatStreamCounter> logger) : IRoomLogObserver
{
    /// <summary>The most one send (with the publisher's retries) may take.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public void Committed(RoomLogCommit commit)
    {
        var chats = commit.Events
            .Where(e => e.Type == RoomEventTypes.ChatMessage && e.Data is ChatMessage)
            .Select(e => (ChatMessage)e.Data)
            .Select(m => Interaction.InRoom(m.Id, commit.TenantId, m.UserId, commit.Room, InteractionType.Chat, m.SentAt) with { MessageId = m.Id })
            .ToArray();
        if (chats.Length > 0)
        {
            _ = Task.Run(() => PublishAsync(commit.Room.Id, chats), CancellationToken.None);
        }
    }

    private async Task PublishAsync(string roomId, Interaction[] chats)
    {
        using var budget = new CancellationTokenSource(Budget, time);
        try
        {
            await stream.PublishAsync(chats, budget.Token);
        }
        catch (Exception exception)
        {
            LogNotCounted(exception, chats.Length, roomId, FailureClassifier.Classify(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} chat messages of room {RoomId} were stored but not counted in the interaction stream ({Kind})")]
    private partial void LogNotCounted(Exception exception, int count, string roomId, FailureKind kind);
}
