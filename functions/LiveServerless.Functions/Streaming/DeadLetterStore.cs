using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Streaming;

/// <summary>A stream event that was given up on, with why, so an operator can inspect and replay it.</summary>
public sealed record DeadLetter(string PartitionId, long SequenceNumber, string Reason, string Body, DateTimeOffset At);

/// <summary>The dead-letter table: partition = hub:group:partition, row = zero-padded sequence number (so rows sort in stream order).</summary>
public sealed class DeadLetterStore(TableProvider tables) : IUserDataEraser
{
    private const int MaxBodyChars = 30_000;

    private const int MaxReasonChars = 2_000;

    public async Task AddAsync(string scope, DeadLetter letter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DeadLetters, cancellationToken);
        var entity = new TableEntity($"{scope}:{letter.PartitionId}", letter.SequenceNumber.ToString("D20", CultureInfo.InvariantCulture))
        {
            ["Reason"] = Truncate(letter.Reason, MaxReasonChars),
            ["Body"] = Truncate(letter.Body, MaxBodyChars),
            ["SequenceNumber"] = letter.SequenceNumber,
            ["At"] = letter.At,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string scope, string partitionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DeadLetters, cancellationToken);
        var letters = new List<DeadLetter>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope + ":" + partitionId}"), cancellationToken: cancellationToken))
        {
            letters.Add(new DeadLetter(partitionId, entity.GetInt64("SequenceNumber") ?? 0, entity.GetString("Reason"), entity.GetString("Body"), entity.GetDateTimeOffset("At") ?? default));
        }

        return letters;
    }

    /// <summary>
    /// Deletes every dead letter of the user's events, in any stream and partition (erasure). Dead letters are keyed by stream
    /// position, not by user, so this reads the (small, rare) table whole. Idempotent.
    /// </summary>
    public async Task ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DeadLetters, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Body"], cancellationToken: cancellationToken))
        {
            if (IsOf(entity.GetString("Body"), tenantId, userId))
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    private static bool IsOf(string? body, string tenantId, string userId)
    {
        try
        {
            var interaction = body is null ? null : JsonSerializer.Deserialize<Interaction>(body, StorageJson.Options);
            return interaction is not null && interaction.TenantId == tenantId && interaction.UserId == userId;
        }
        catch (JsonException)
        {
            // A truncated or foreign body: it can still name the user, so match on the raw text.
            return body!.Contains(tenantId, StringComparison.Ordinal) && body.Contains(userId, StringComparison.Ordinal);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";

    string IUserDataEraser.Store => "deadLetters";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ForgetUserAsync(tenantId, userId, cancellationToken);
}
