namespace LiveServerless.Domain.Common;

/// <summary>An object together with the opaque version (ETag) it was read or written at, for optimistic concurrency.</summary>
public sealed record Versioned<T>(T Value, string ETag);
