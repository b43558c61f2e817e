using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveServerless.Functions.Http;

/// <summary>
/// The app's RFC 9457 problem documents, as ASP.NET Core's own <see cref="ProblemDetails"/>: a type URI per kind of problem, and
/// <see cref="HttpValidationProblemDetails.Errors"/> for field-level validation messages keyed by JSON field name.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>The extension member naming the trace of the failed request.</summary>
    public const string TraceId = "traceId";

    private const string TypeBase = "https://liveserverless.dev/problems/";

    public static ProblemDetails Of(int status, string slug, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Type = TypeBase + slug, Title = title, Status = status, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    public static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => new(errors.ToDictionary())
    {
        Type = TypeBase + "validation",
        Title = "One or more fields are invalid.",
        Status = StatusCodes.Status400BadRequest,
        Detail = "See errors for each invalid field.",
    };

    /// <summary>The answer for <paramref name="problem"/> about the request in <paramref name="httpContext"/>: its path and trace id filled in.</summary>
    public static ProblemHttpResult ToResult(ProblemDetails problem, HttpContext httpContext) => TypedResults.Problem(About(problem, httpContext));

    /// <summary>Fills in which request the problem is about: its path and its trace id.</summary>
    public static ProblemDetails About(ProblemDetails problem, HttpContext httpContext)
    {
        problem.Instance ??= httpContext.Request.Path.Value;
        problem.Extensions[TraceId] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        return problem;
    }
}
