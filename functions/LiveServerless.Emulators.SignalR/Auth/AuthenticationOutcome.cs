namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>Result of checking a token: either the caller's user id (possibly none) or why the token was refused.</summary>
internal sealed record AuthenticationOutcome(bool Succeeded, string? UserId, string? Failure)
{
    public static AuthenticationOutcome Success(string? userId) => new(true, userId, null);

    public static AuthenticationOutcome Fail(string failure) => new(false, null, failure);
}
