using LiveServerless.Domain.Common;
using LiveServerless.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LiveServerless.Functions.Limits;

/// <summary>
/// Adds the limits the request guard took (a partner key's request quota) to the answer's <c>RateLimit-Policy</c> and <c>RateLimit</c>
/// fields, next to any the function set itself, so every answer to a partner says how much of its quota is left.
/// </summary>
public sealed class RateLimitFieldsMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>Where the guard leaves the limits it took (an array of <see cref="RateLimitState"/>) in the request's items.</summary>
    public const string StatesItem = "liveserverless.ratelimits";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.GetHttpContext() is { Items: var items } httpContext && items[StatesItem] is RateLimitState[] states)
        {
            httpContext.Response.AddRateLimits(states);
        }
    }
}
