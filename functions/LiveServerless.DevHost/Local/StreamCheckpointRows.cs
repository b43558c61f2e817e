using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// The stream processor's checkpoint rows of one scope (namespace:hub:group), copied to and from JSON as they are, column by
/// column with each value's type, so a snapshot can put back exactly the position the processor had reached.
/// </summary>
public sealed class StreamCheckpointRows(TableServiceClient tables, string scope)
{
    public async Task<JsonArray> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new JsonArray();
        var table = tables.GetTableClient(TableNames.Checkpoints);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken: cancellationToken))
        {
            var columns = new JsonObject();
            foreach (var (name, value) in entity.Where(column => !IsSystemColumn(column.Key)))
            {
                columns[name] = Typed(value);
            }

            rows.Add(new JsonObject { ["rowKey"] = entity.RowKey, ["columns"] = columns });
        }

        return rows;
    }

    /// <summary>Replaces every checkpoint row of the scope with <paramref name="rows"/>; null forgets them all (the stream is replayed).</summary>
    public async Task ReplaceAsync(JsonArray? rows, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(TableNames.Checkpoints);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }

        foreach (var row in rows ?? [])
        {
            var entity = new TableEntity(scope, (string)row!["rowKey"]!);
            foreach (var (name, value) in row["columns"]!.AsObject())
            {
                entity[name] = Untyped(value!);
            }

            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static bool IsSystemColumn(string name) => name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";

    private static JsonObject Typed(object value) => value switch
    {
        long number => new() { ["type"] = "Int64", ["value"] = number.ToString(CultureInfo.InvariantCulture) },
        int number => new() { ["type"] = "Int32", ["value"] = number },
        double number => new() { ["type"] = "Double", ["value"] = number },
        bool flag => new() { ["type"] = "Boolean", ["value"] = flag },
        string text => new() { ["type"] = "String", ["value"] = text },
        DateTimeOffset time => new() { ["type"] = "DateTime", ["value"] = time.ToString("O", CultureInfo.InvariantCulture) },
        _ => throw new NotSupportedException($"A checkpoint column of type {value.GetType().Name} cannot be kept in a snapshot."),
    };

    private static object Untyped(JsonNode typed)
    {
        var value = typed["value"]!;
        return (string?)typed["type"] switch
        {
            "Int64" => long.Parse((string)value!, CultureInfo.InvariantCulture),
            "Int32" => (int)value,
            "Double" => (double)value,
            "Boolean" => (bool)value,
            "String" => (string)value!,
            "DateTime" => DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            var type => throw new NotSupportedException($"A snapshot's checkpoint column has an unknown type '{type}'."),
        };
    }
}
