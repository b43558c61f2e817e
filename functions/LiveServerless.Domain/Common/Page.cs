namespace LiveServerless.Domain.Common;

/// <summary>One page of a listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToArray(), ContinuationToken);
}

/// <summary>What a caller asked for: how many items and where to continue.</summary>
public sealed record PageRequest(int Limit, string? ContinuationToken)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;
}
