using System.Globalization;
using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Streaming;

/// <summary>A stream event that was given up on, with why, so an operator can inspect and replay it.</summary>
public sealed record DeadLetter(string PartitionId, long SequenceNumber, string Reason, string Body, DateTimeOffset At);

/// <summary>The dead-letter table: partition = hub:group:partition, row = zero-padded sequence number (so rows sort in stream order).</summary>
public class DeadLetterStore(TableProvider tables)
{
    private const int MaxBodyChars = 30_000;

    private const int MaxReasonChars = 2_000;

    public virtual async Task AddAsync(string scope, DeadLetter letter, CancellationToken cancellationToken)
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

    public virtual async Task<IReadOnlyList<DeadLetter>> ListAsync(string scope, string partitionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DeadLetters, cancellationToken);
        var letters = new List<DeadLetter>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope + ":" + partitionId}"), cancellationToken: cancellationToken))
        {
            letters.Add(new DeadLetter(partitionId, entity.GetInt64("SequenceNumber") ?? 0, entity.GetString("Reason"), entity.GetString("Body"), entity.GetDateTimeOffset("At") ?? default));
        }

        return letters;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
