namespace LiveServerless.Domain.Common;

/// <summary>
/// What a client may know about a limit it is subject to, as the IETF RateLimit header fields describe it: the policy's name, its
/// quota per window, how much of it is left, and in how many seconds it is whole again.
/// </summary>
public sealed record RateLimitState(string Policy, long Quota, int WindowSeconds, long Remaining, int ResetSeconds);
