using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Http;

/// <summary>The shape of every listing: the page's items and the token for the next page (null on the last page).</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public static class ListResponse
{
    public static ListResponse<T> Of<TSource, T>(Page<TSource> page, Func<TSource, T> map) =>
        new(page.Items.Select(map).ToArray(), page.ContinuationToken);
}
