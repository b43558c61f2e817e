namespace LiveServerless.Functions.Erasure;

public sealed record ErasureStoreResponse(string Name, string Status);

/// <summary><c>status</c> is pending or done; <c>stores</c> lists every store the erasure covers with its own status.</summary>
public sealed record ErasureResponse(
    string UserId, string Status, IReadOnlyList<ErasureStoreResponse> Stores, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static ErasureResponse From(ErasureJob job, IReadOnlyList<string> stores) => new(
        job.UserId,
        Lower(job.Status),
        [.. stores.Select(store => new ErasureStoreResponse(store, job.Status == ErasureStatus.Done || job.Erased.Contains(store, StringComparer.Ordinal) ? "done" : "pending"))],
        job.RequestedAt,
        job.CompletedAt);

    private static string Lower(ErasureStatus status) => status == ErasureStatus.Done ? "done" : "pending";
}
