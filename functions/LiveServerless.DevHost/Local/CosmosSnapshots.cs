using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// Keeps cosmosdb-server's data (it lives in memory) across DevHost restarts: a snapshot file written on a timer and when DevHost
/// stops, restored through the Cosmos DB API when DevHost starts a fresh server. The stream processor's checkpoints travel with
/// it: they are read before the documents, so the documents are at least as new as the checkpoints, and put back on restore, so
/// the processor resumes from there; events applied after the checkpoint are replayed and skipped by the documents' watermarks.
/// </summary>
public sealed class CosmosSnapshots : IAsyncDisposable
{
    // What Cosmos DB adds to a document; a restored document gets its own.
    private static readonly string[] SystemProperties = ["_rid", "_self", "_etag", "_ts", "_attachments"];

    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = false };

    private readonly CosmosClient _cosmos;
    private readonly StreamCheckpointRows _checkpoints;
    private readonly string _file;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Task _saving = Task.CompletedTask;

    public CosmosSnapshots(string connectionString, StreamCheckpointRows checkpoints, string file, ILogger logger)
    {
        // cosmosdb-server speaks the gateway protocol only, on its one endpoint (as the app's own client is set up locally).
        _cosmos = new CosmosClient(connectionString, new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true });
        _checkpoints = checkpoints;
        _file = file;
        _logger = logger;
    }

    public string File => _file;

    /// <summary>
    /// Restores the last snapshot into the (empty) server and puts its checkpoints back; without a snapshot, forgets the
    /// checkpoints so the whole stream is replayed into the empty store. Returns how many documents were restored.
    /// </summary>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(_file))
        {
            await _checkpoints.ReplaceAsync(null, cancellationToken);
            return 0;
        }

        var snapshot = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(_file, cancellationToken))!.AsObject();
        var restored = 0;
        foreach (var database in snapshot["databases"]!.AsArray())
        {
            var created = (await _cosmos.CreateDatabaseIfNotExistsAsync((string)database!["id"]!, cancellationToken: cancellationToken)).Database;
            foreach (var container in database["containers"]!.AsArray())
            {
                restored += await RestoreContainerAsync(created, container!.AsObject(), cancellationToken);
            }
        }

        await _checkpoints.ReplaceAsync(snapshot["checkpoints"]?.AsArray(), cancellationToken);
        return restored;
    }

    /// <summary>Saves a snapshot every <paramref name="interval"/> until disposed (and once more then).</summary>
    public void SaveEvery(TimeSpan interval) => _saving = SaveEveryAsync(interval, _stopping.Token);

    /// <summary>Writes the checkpoints, then every database, container and document, to a new file that replaces the old one whole.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var snapshot = new JsonObject
            {
                ["savedAt"] = DateTimeOffset.UtcNow,
                ["checkpoints"] = await _checkpoints.ReadAsync(cancellationToken),
                ["databases"] = await ReadDatabasesAsync(cancellationToken),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var written = _file + ".new";
            await System.IO.File.WriteAllTextAsync(written, snapshot.ToJsonString(FileFormat), Encoding.UTF8, cancellationToken);
            System.IO.File.Move(written, _file, overwrite: true);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _saving;
        try
        {
            await SaveAsync(CancellationToken.None);
        }
        catch (Exception failure) when (failure is CosmosException or HttpRequestException or Azure.RequestFailedException)
        {
            _logger.LogWarning(failure, "Could not save the Cosmos DB snapshot at shutdown; the previous one (in {File}) is kept", _file);
        }

        _cosmos.Dispose();
        _stopping.Dispose();
        _oneAtATime.Dispose();
    }

    private async Task SaveEveryAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await SaveAsync(stopping);
                }
                catch (Exception failure) when (failure is CosmosException or HttpRequestException or Azure.RequestFailedException)
                {
                    _logger.LogWarning(failure, "Could not save the Cosmos DB snapshot; will try again in {Interval}", interval);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // DevHost is stopping; DisposeAsync saves the last snapshot.
        }
    }

    private async Task<JsonArray> ReadDatabasesAsync(CancellationToken cancellationToken)
    {
        var databases = new JsonArray();
        foreach (var database in await ReadAllAsync(_cosmos.GetDatabaseQueryIterator<DatabaseProperties>(), cancellationToken))
        {
            var containers = new JsonArray();
            var client = _cosmos.GetDatabase(database.Id);
            foreach (var container in await ReadAllAsync(client.GetContainerQueryIterator<ContainerProperties>(), cancellationToken))
            {
                containers.Add(new JsonObject
                {
                    ["id"] = container.Id,
                    ["partitionKeyPath"] = container.PartitionKeyPath,
                    ["defaultTimeToLive"] = container.DefaultTimeToLive,
                    ["documents"] = await ReadDocumentsAsync(client.GetContainer(container.Id), cancellationToken),
                });
            }

            databases.Add(new JsonObject { ["id"] = database.Id, ["containers"] = containers });
        }

        return databases;
    }

    /// <summary>Every document of a container (a read feed: no query, every partition).</summary>
    private static async Task<JsonArray> ReadDocumentsAsync(Container container, CancellationToken cancellationToken)
    {
        var documents = new JsonArray();
        using var feed = container.GetItemQueryStreamIterator(queryText: null);
        while (feed.HasMoreResults)
        {
            using var page = await feed.ReadNextAsync(cancellationToken);
            page.EnsureSuccessStatusCode();
            var body = (await JsonNode.ParseAsync(page.Content, cancellationToken: cancellationToken))!;
            foreach (var document in body["Documents"]!.AsArray())
            {
                var kept = document!.DeepClone().AsObject();
                foreach (var property in SystemProperties)
                {
                    kept.Remove(property);
                }

                documents.Add(kept);
            }
        }

        return documents;
    }

    private static async Task<int> RestoreContainerAsync(Database database, JsonObject container, CancellationToken cancellationToken)
    {
        var partitionKeyPath = (string)container["partitionKeyPath"]!;
        var properties = new ContainerProperties((string)container["id"]!, partitionKeyPath)
        {
            DefaultTimeToLive = (int?)container["defaultTimeToLive"],
        };
        var restored = (await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken)).Container;
        var documents = container["documents"]!.AsArray();
        foreach (var document in documents)
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(document!.ToJsonString()));
            using var response = await restored.UpsertItemStreamAsync(content, PartitionKeyOf(document, partitionKeyPath), cancellationToken: cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new InvalidOperationException($"Restoring a document of {restored.Id} failed: {(int)response.StatusCode} {response.ErrorMessage}");
            }
        }

        return documents.Count;
    }

    private static PartitionKey PartitionKeyOf(JsonNode document, string partitionKeyPath)
    {
        var value = partitionKeyPath.Trim('/').Split('/').Aggregate<string, JsonNode?>(document, (node, name) => node?[name]);
        return value?.GetValueKind() switch
        {
            JsonValueKind.String => new PartitionKey((string)value!),
            JsonValueKind.Number => new PartitionKey((double)value!),
            JsonValueKind.True or JsonValueKind.False => new PartitionKey((bool)value!),
            _ => PartitionKey.None,
        };
    }

    private static async Task<List<T>> ReadAllAsync<T>(FeedIterator<T> feed, CancellationToken cancellationToken)
    {
        using (feed)
        {
            var all = new List<T>();
            while (feed.HasMoreResults)
            {
                all.AddRange(await feed.ReadNextAsync(cancellationToken));
            }

            return all;
        }
    }
}
