namespace LiveServerless.Domain.Common;

/// <summary>
/// A field of a partial update: either absent (leave unchanged) or present with a value, which may be null (clear).
/// This is what JSON merge-patch means by "absent" versus "null".
/// </summary>
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static implicit operator Optional<T>(T value) => new(true, value);

    public T Or(T current) => IsSet ? Value : current;
}
