using System.Text.Json;
using Microsoft.AspNetCore.Http;
using LiveServerless.Functions.Storage;
using Microsoft.AspNetCore.Mvc;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Every HTTP answer of the app. It writes itself with <see cref="ApiJson"/> directly to the response, so the Functions host
/// (which executes IActionResult) and DevHost produce byte-identical responses without MVC formatters.
/// </summary>
public sealed class ApiResult : IActionResult
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    private ApiResult(int statusCode, object? body, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public object? Body { get; }

    public string? ContentType { get; }

    public IReadOnlyDictionary<string, string> Headers => _headers;

    public static ApiResult Ok(object body, string? etag = null) => new ApiResult(StatusCodes.Status200OK, body, "application/json").WithETag(etag);

    public static ApiResult Created(string location, object body, string? etag = null) =>
        new ApiResult(StatusCodes.Status201Created, body, "application/json").WithHeader("Location", location).WithETag(etag);

    public static ApiResult Accepted(object body) => new(StatusCodes.Status202Accepted, body, "application/json");

    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null, null);

    public static ApiResult FromProblem(Problem problem, IReadOnlyDictionary<string, string>? headers = null)
    {
        var result = new ApiResult(problem.Status, problem, Problem.ContentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            result.WithHeader(name, value);
        }

        return result;
    }

    public ApiResult WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext);

    public async Task WriteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }

        response.Headers.CacheControl = "no-store";
        if (Body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), ApiJson.Options, httpContext.RequestAborted);
    }

    private ApiResult WithETag(string? etag) => etag is null ? this : WithHeader("ETag", ETags.ToHttp(etag));
}
