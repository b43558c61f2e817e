using LiveServerless.Functions.Http;

namespace LiveServerless.DevHost.Web;

/// <summary>DevHost's own routes answer the way the function app does: its JSON options and its RFC 7807 problem documents.</summary>
public static class DevResults
{
    public static IResult Ok(object body) => new Written(StatusCodes.Status200OK, body, "application/json; charset=utf-8");

    public static IResult Problem(int status, string slug, string title, string? detail = null) =>
        new Written(status, Problems.Of(status, slug, title, detail), Problems.ContentType);

    private sealed class Written(int status, object body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.CacheControl = "no-store";
            var written = body is Microsoft.AspNetCore.Mvc.ProblemDetails problem ? Problems.About(problem, httpContext) : body;
            return httpContext.Response.WriteAsJsonAsync(written, written.GetType(), ApiJson.Options, contentType, httpContext.RequestAborted);
        }
    }
}
