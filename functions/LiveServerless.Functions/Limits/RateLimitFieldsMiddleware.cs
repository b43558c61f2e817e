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
        if (context.GetHttpContext()?.Items[StatesItem] is not RateLimitState[] states ||
            context.GetInvocationResult().Value is not ApiResult result)
        {
            return;
        }

        foreach (var (name, value) in RateLimitHeaders.For(states))
        {
            result.WithHeader(name, result.Headers.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value);
        }
    }
}
