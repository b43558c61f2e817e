namespace LiveServerless.Functions.Storage;

/// <summary>
/// Azure Tables hands out weak ETags (W/"datetime'…'"), but HTTP's If-Match compares strongly and never matches a weak tag.
/// Each stored version is exact, so the API presents it as a strong tag and restores the storage form on the way back.
/// </summary>
public static class ETags
{
    private const string WeakPrefix = "W/";

    public static string ToHttp(string storageETag) =>
        storageETag.StartsWith(WeakPrefix, StringComparison.Ordinal) ? storageETag[WeakPrefix.Length..] : storageETag;

    public static string? FromHttp(string? httpETag) =>
        httpETag is null or "*" || httpETag.StartsWith(WeakPrefix, StringComparison.Ordinal) ? httpETag : WeakPrefix + httpETag;
}
