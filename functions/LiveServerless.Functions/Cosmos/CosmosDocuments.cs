using System.Net;
using LiveServerless.Functions.Resilience;
using Microsoft.Azure.Cosmos;
using Polly;

namespace LiveServerless.Functions.Cosmos;

/// <summary>A document of a container: its id and the value of the container's partition key path.</summary>
public interface ICosmosDocument
{
    string Id { get; }

    string PartitionKeyValue { get; }
}

/// <summary>
/// Reads and writes one kind of document with the operations every Cosmos DB (and the local stand-in) supports: point reads,
/// creates, ETag-guarded replaces, upserts and deletes. <see cref="UpdateAsync"/> is the read-change-write loop stream
/// handlers use: a concurrent writer makes it re-read and re-apply the (pure, replay-safe) change.
/// </summary>
public sealed class CosmosDocuments<TDocument>(CosmosDatabase database, CosmosContainer container)
    where TDocument : class, ICosmosDocument
{
    private const int MaxAttempts = 20;

    private static readonly ResiliencePipeline LostRaceRetries = Retries.OptimisticConcurrency(
        MaxAttempts, e => e is CosmosException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed });

    public async Task<(TDocument Document, string ETag)?> ReadAsync(string id, string partitionKey, CancellationToken cancellationToken)
    {
        var items = await database.ContainerAsync(container, cancellationToken);
        try
        {
            var response = await items.ReadItemAsync<TDocument>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task UpsertAsync(TDocument document, CancellationToken cancellationToken)
    {
        var items = await database.ContainerAsync(container, cancellationToken);
        await items.UpsertItemAsync(document, new PartitionKey(document.PartitionKeyValue), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="document"/> only over the version <paramref name="etag"/> it was derived from (null: only if there is no
    /// document yet). Returns the new ETag, or null when someone else wrote first — the caller decides how to redo its change.
    /// </summary>
    public async Task<string?> TryWriteAsync(TDocument document, string? etag, CancellationToken cancellationToken)
    {
        var items = await database.ContainerAsync(container, cancellationToken);
        try
        {
            var response = etag is null
                ? await items.CreateItemAsync(document, new PartitionKey(document.PartitionKeyValue), cancellationToken: cancellationToken)
                : await items.ReplaceItemAsync(document, document.Id, new PartitionKey(document.PartitionKeyValue), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            return response.ETag;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the document if it exists (idempotent).</summary>
    public async Task DeleteAsync(string id, string partitionKey, CancellationToken cancellationToken)
    {
        var items = await database.ContainerAsync(container, cancellationToken);
        try
        {
            await items.DeleteItemAsync<TDocument>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored document (null when there is none yet) and writes the result only if
    /// nobody wrote in between; otherwise re-reads and re-applies. Returns the document as written.
    /// </summary>
    public async Task<TDocument> UpdateAsync(string id, string partitionKey, Func<TDocument?, TDocument> change, CancellationToken cancellationToken)
    {
        var items = await database.ContainerAsync(container, cancellationToken);
        return await LostRaceRetries.ExecuteAsync(async token =>
        {
            var current = await ReadAsync(id, partitionKey, token);
            var updated = change(current?.Document);
            if (ReferenceEquals(updated, current?.Document))
            {
                return updated;
            }

            if (current is null)
            {
                await items.CreateItemAsync(updated, new PartitionKey(partitionKey), cancellationToken: token);
            }
            else
            {
                await items.ReplaceItemAsync(updated, id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = current.Value.ETag }, token);
            }

            return updated;
        }, cancellationToken);
    }
}
