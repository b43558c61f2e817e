using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Idempotency;

/// <summary>The first answer to a keyed request, as it is replayed: status, the headers that matter, and the JSON body.</summary>
public sealed record StoredResponse(int Status, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>What a keyed request finds.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>First of its key (or the first's claim expired): run it, then <see cref="IdempotencyStore.CompleteAsync"/> or release.</summary>
    public sealed record Claimed(string ETag) : IdempotencyClaim;

    /// <summary>Answered before with the same request: send that answer again.</summary>
    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyClaim;
}

/// <summary>
/// The <c>idempotency</c> table: partition = hash of the credential that sent the key (keys of one caller never meet another's), row =
/// hash of the function and the key. A row is claimed with an insert — of concurrent repeats exactly one wins — and holds the
/// request's fingerprint, then the answer. An answer is kept <see cref="Retention"/>; an unfinished claim (its request died) expires
/// after <see cref="ClaimLifetime"/> and may be taken over.
/// </summary>
public sealed class IdempotencyStore(TableProvider tables)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(1);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string row, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Idempotency, cancellationToken);
        var claim = new TableEntity(scope, row) { ["Fingerprint"] = fingerprint, ["ExpiresAt"] = now + ClaimLifetime, ["Done"] = false };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var added = await table.AddEntityAsync(claim, cancellationToken);
                return new IdempotencyClaim.Claimed(added.Headers.ETag?.ToString() ?? "");
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            var existing = await table.GetEntityIfExistsAsync<TableEntity>(scope, row, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue;
            }

            var stored = existing.Value!;
            if (stored.GetDateTimeOffset("ExpiresAt") is { } expiresAt && expiresAt <= now)
            {
                try
                {
                    var taken = await table.UpdateEntityAsync(claim, stored.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new IdempotencyClaim.Claimed(taken.Headers.ETag?.ToString() ?? "");
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    continue;
                }
            }

            if (stored.GetString("Fingerprint") != fingerprint)
            {
                return new IdempotencyClaim.Mismatch();
            }

            return stored.GetBoolean("Done") == true
                ? new IdempotencyClaim.Replay(JsonSerializer.Deserialize<StoredResponse>(stored.GetString("Response"), StorageJson.Options)!)
                : new IdempotencyClaim.InProgress();
        }

        return new IdempotencyClaim.InProgress();
    }

    /// <summary>Stores the answer over the claim this request holds.</summary>
    public async Task CompleteAsync(string scope, string row, string fingerprint, string etag, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Idempotency, cancellationToken);
        var entity = new TableEntity(scope, row)
        {
            ["Fingerprint"] = fingerprint,
            ["ExpiresAt"] = now + Retention,
            ["Done"] = true,
            ["Response"] = JsonSerializer.Serialize(response, StorageJson.Options),
        };
        await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Gives the key back (the request failed, so its retry should run again).</summary>
    public async Task ReleaseAsync(string scope, string row, string etag, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Idempotency, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(scope, row, new ETag(etag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    /// <summary>Deletes answers past their retention (housekeeping; an expired row is ignored by <see cref="ClaimAsync"/> anyway).</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Idempotency, cancellationToken);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            deleted++;
        }

        return deleted;
    }
}
