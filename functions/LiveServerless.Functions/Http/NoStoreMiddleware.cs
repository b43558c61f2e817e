using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Every answer of the API is about one caller's data at one moment: <c>Cache-Control: no-store</c> on all of them, problems and
/// replays included, set before the function runs so no result type has to remember it.
/// </summary>
public sealed class NoStoreMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
        }

        return next(context);
    }
}
