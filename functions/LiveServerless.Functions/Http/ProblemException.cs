using LiveServerless.Functions.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LiveServerless.Functions.Http;

/// <summary>
/// A request-level refusal that is about HTTP rather than the domain (credentials, media type, size, rate).
/// Domain refusals are <see cref="Domain.Common.DomainException"/>s; both are turned into problem documents by <see cref="ProblemMapper"/>.
/// </summary>
public sealed class ProblemException(ProblemDetails problem, IReadOnlyDictionary<string, string>? headers = null) : Exception(problem.Detail ?? problem.Title), IClientFault
{
    public ProblemDetails Problem { get; } = problem;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public static ProblemException Unauthorized(string detail, string challenge) => new(
        Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid credentials.", detail),
        new Dictionary<string, string> { ["WWW-Authenticate"] = challenge });

    public static ProblemException Forbidden(string detail) =>
        new(Problems.Of(StatusCodes.Status403Forbidden, "forbidden", "The credentials do not allow this operation.", detail));

    public static ProblemException PayloadTooLarge(int limitBytes) =>
        new(Problems.Of(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"The limit is {limitBytes} bytes."));

    public static ProblemException UnsupportedMediaType(string? contentType) => new(Problems.Of(
        StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be JSON.",
        $"Send Content-Type: application/json (got '{contentType ?? "none"}')."));

    public static ProblemException BadRequest(string detail) =>
        new(Problems.Of(StatusCodes.Status400BadRequest, "bad-request", "The request is invalid.", detail));

    public static ProblemException Invalid(IReadOnlyDictionary<string, string[]> errors) => new(Problems.Validation(errors));

    public static ProblemException TooManyRequests(string detail, TimeSpan retryAfter) => new(
        Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", detail),
        new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds(retryAfter) });

    public static ProblemException ServiceUnavailable(string detail, TimeSpan retryAfter) => new(
        Problems.Of(StatusCodes.Status503ServiceUnavailable, "unavailable", "A dependency is unavailable; try again later.", detail),
        new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds(retryAfter) });

    private static string RetryAfterSeconds(TimeSpan delay) =>
        Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
