using LiveServerless.Domain.Common;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Erasure;

/// <summary>
/// Erasure as a durable, resumable job. A request writes the job (the tombstone) first and renews the user's token stamp, so every
/// token of the user is refused at once; <see cref="ErasureWorker"/> then runs every registered <see cref="IUserDataEraser"/> once the
/// stream has settled, recording each store as it is done. Asking again reports the same job.
/// </summary>
public sealed partial class ErasureService(
    ErasureStore jobs,
    UserStore users,
    TokenStampStore stamps,
    IEnumerable<IUserDataEraser> steps,
    StreamProgress stream,
    TimeProvider time,
    ILogger<ErasureService> logger) : IUserIdReservations
{
    /// <summary>Events enqueued up to this long after the request (instances' clocks differ a little) are waited for too.</summary>
    public static readonly TimeSpan SettleMargin = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<IUserDataEraser> _steps = [.. steps];

    /// <summary>The stores every erasure covers, in the order they are erased.</summary>
    public IReadOnlyList<string> Stores => [.. _steps.Select(s => s.Store)];

    /// <summary>Starts erasing the user, or reports the erasure already under way (or finished, for a user that is gone).</summary>
    public async Task<ErasureJob> RequestAsync(string tenantId, string userId, string? ifMatch, CancellationToken cancellationToken)
    {
        var existingRead = jobs.GetAsync(tenantId, userId, cancellationToken);
        var userRead = users.GetAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(existingRead, userRead);
        var existing = await existingRead;
        var user = await userRead;
        if (existing is { Status: ErasureStatus.Pending } || (existing is not null && user is null))
        {
            return existing;
        }

        if (user is null)
        {
            throw new NotFoundException("User", userId);
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != user.ETag)
        {
            throw new PreconditionFailedException($"User '{userId}' was changed by someone else; read it again and retry.");
        }

        var job = ErasureJob.Start(userId, time.GetUtcNow(), SettleMargin);
        await jobs.SaveAsync(tenantId, job, cancellationToken);
        await stamps.RenewAsync(tenantId, userId, cancellationToken);
        return job;
    }

    public async Task<ErasureJob> GetAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await jobs.GetAsync(tenantId, userId, cancellationToken) ?? throw new NotFoundException("Erasure", userId);

    /// <summary>A re-created id starts from nothing, but not while its erasure still runs.</summary>
    public async Task RequireNotErasingAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(tenantId, userId, cancellationToken) is { Status: ErasureStatus.Pending })
        {
            throw new ConflictException($"User '{userId}' is being erased; the id can be used again once GET /api/erasures/{userId} reports done.");
        }
    }

    /// <summary>
    /// Advances every pending job whose events have settled: runs the steps not yet done, marks each, completes the job when all are.
    /// A step that fails is logged and retried next round; the other jobs go on.
    /// </summary>
    public async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? processedUntil = null;
        await foreach (var (tenantId, job) in jobs.PendingAsync(cancellationToken))
        {
            processedUntil ??= await stream.ProcessedUntilAsync(cancellationToken);
            if (processedUntil < job.SettleAfter)
            {
                continue;
            }

            await RunAsync(tenantId, job, cancellationToken);
        }
    }

    private async Task RunAsync(string tenantId, ErasureJob job, CancellationToken cancellationToken)
    {
        foreach (var step in _steps.Where(s => !job.Erased.Contains(s.Store, StringComparer.Ordinal)))
        {
            try
            {
                await step.EraseUserAsync(tenantId, job.UserId, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogStepFailed(exception, step.Store, job.UserId);
                return;
            }

            job = await jobs.UpdateAsync(tenantId, job.UserId, j => j.WithErased(step.Store), cancellationToken);
        }

        await jobs.UpdateAsync(tenantId, job.UserId, j => j.Status == ErasureStatus.Done ? j : j.Complete(time.GetUtcNow()), cancellationToken);
        LogErased(job.UserId, _steps.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure of user {UserId}: store {Store} failed; retrying next round")]
    private partial void LogStepFailed(Exception exception, string store, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of user {UserId} done ({Stores} stores)")]
    private partial void LogErased(string userId, int stores);
}
