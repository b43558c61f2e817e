using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Functions-host glue: turns any exception from an HTTP function into the problem document <see cref="ProblemMapper"/> chooses.
/// DevHost runs this worker too, so local runs and end-to-end tests go through it as Azure does. The worker's ASP.NET Core
/// integration executes the returned <see cref="Microsoft.AspNetCore.Http.IResult"/> after the middleware chain.
/// </summary>
public sealed class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } httpContext)
        {
            context.GetInvocationResult().Value = ProblemMapper.ToResult(exception, httpContext, logger);
        }
    }
}
