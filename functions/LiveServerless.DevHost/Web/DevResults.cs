using LiveServerless.Functions.Http;

namespace LiveServerless.DevHost.Web;

/// <summary>DevHost's own routes answer the way the function app does: its JSON options and its RFC 7807 problem documents.</summary>
public static class DevResults
{
    public static IResult Ok(object body) => new Written(ApiResult.Ok(body));

    public static IResult Problem(int status, string slug, string title, string? detail = null) =>
        new Written(ApiResult.FromProblem(Functions.Http.Problem.Of(status, slug, title, detail)));

    private sealed class Written(ApiResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => result.WriteAsync(httpContext);
    }
}
