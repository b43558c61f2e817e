using LiveServerless.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Usage;

/// <summary>
/// Counts the usage only an answer tells: a chat message counts when <c>PostMessage</c> answered 201 (stored). API calls are counted by
/// the request guard, ingested events by the ingest service, SignalR messages by the SignalR client's handler, webhook deliveries by
/// the dispatcher.
/// </summary>
public sealed class UsageMiddleware(UsageMeter meter) : IFunctionsWorkerMiddleware
{
    public const string PostMessageFunction = "PostMessage";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.FunctionDefinition.Name == PostMessageFunction &&
            context.GetInvocationResult().Value is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } &&
            context.GetHttpContext()?.Items[RequestGuard.CallerItem] is Caller caller)
        {
            meter.Count(caller.TenantId, UsageCounter.ChatMessages);
        }
    }
}
