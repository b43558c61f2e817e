using System.Diagnostics;
using System.Net;
using LiveServerless.DevHost.Worker.Protocol;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// The HTTP functions the worker declared, as ASP.NET Core endpoints at "/{routePrefix}/{route}" with their methods (ASP.NET Core
/// routing also answers 404 and 405). Rebuilt whenever a worker loads its functions. Each request is handled as the Functions host
/// does with the ASP.NET Core integration: an invocation over gRPC and the request itself forwarded to the worker's HttpUri with
/// the invocation id, the worker's response streamed back.
/// </summary>
public sealed class HttpFunctionEndpoints : EndpointDataSource, IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly FunctionWorkerHost _host;

    private readonly IHttpForwarder _forwarder;

    private readonly string _routePrefix;

    private readonly string? _functionKey;

    private readonly ILogger _calls;

    private readonly HttpMessageInvoker _toWorker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    private List<Endpoint> _endpoints = [];

    private CancellationTokenSource _changed = new();

    public HttpFunctionEndpoints(FunctionWorkerHost host, IHttpForwarder forwarder, string routePrefix, string? functionKey, ILoggerFactory loggers)
    {
        _host = host;
        _forwarder = forwarder;
        _routePrefix = routePrefix;
        _functionKey = functionKey;
        _calls = loggers.CreateLogger("LiveServerless.DevHost.Calls");
        host.Loaded += session => Update(session.Functions);
        if (host.Current is { } current)
        {
            Update(current.Functions);
        }
    }

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

    public static string RoutePattern(string routePrefix, string route) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));

    public void Dispose()
    {
        _toWorker.Dispose();
        _changed.Dispose();
    }

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    private void Update(IReadOnlyList<WorkerFunction> functions)
    {
        var endpoints = new List<Endpoint>();
        foreach (var function in functions.Where(f => f.Trigger is HttpTrigger))
        {
            var trigger = (HttpTrigger)function.Trigger;
            var builder = new RouteEndpointBuilder(
                context => HandleAsync(function.Name, trigger, context),
                RoutePatternFactory.Parse(RoutePattern(_routePrefix, trigger.Route)),
                order: 0)
            {
                DisplayName = function.Name,
            };
            builder.Metadata.Add(new HttpMethodMetadata(trigger.Methods));
            builder.Metadata.Add(new EndpointNameMetadata(function.Name));
            endpoints.Add(builder.Build());
        }

        var previous = _changed;
        _endpoints = endpoints;
        _changed = new CancellationTokenSource();
        previous.Cancel();
        previous.Dispose();
    }

    private async Task HandleAsync(string functionName, HttpTrigger trigger, HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (!trigger.IsAnonymous && !HasFunctionKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        WorkerSession session;
        try
        {
            session = await _host.ReadyAsync(context.RequestAborted);
        }
        catch (TimeoutException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var invocation = _host.InvokeAsync(functionName, invocationId, (_, request) => DescribeRequest(trigger, context, request), context.RequestAborted);
        context.Items[InvocationIdHeader] = invocationId;
        // The worker's own answers (problem documents included) pass through as they are.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var error = await _forwarder.SendAsync(context, session.HttpUri.ToString(), _toWorker, ForwarderRequestConfig.Empty, InvocationIdTransformer.Instance);
        InvocationResponse? response = null;
        try
        {
            response = await invocation;
        }
        catch (WorkerUnavailableException)
        {
            // The worker went away mid-request; the forwarder's error below says what the client saw.
        }

        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }

        _calls.LogInformation(
            "{Method} {Path} -> {Status} {Function} ({Milliseconds:0} ms){Failure}",
            context.Request.Method,
            context.Request.Path.Value,
            context.Response.StatusCode,
            functionName,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            error != ForwarderError.None ? $" forwarding failed: {error}" : response?.Result?.Status == StatusResult.Types.Status.Failure ? " (function failed)" : "");
    }

    private bool HasFunctionKey(HttpRequest request)
    {
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return _functionKey is { Length: > 0 } && string.Equals(presented, _functionKey, StringComparison.Ordinal);
    }

    /// <summary>The trigger data the real host sends: an empty RpcHttp (the request travels over HTTP) and route values as strings.</summary>
    private static void DescribeRequest(HttpTrigger trigger, HttpContext context, InvocationRequest request)
    {
        request.InputData.Add(new ParameterBinding { Name = trigger.BindingName, Data = new TypedData { Http = new RpcHttp() } });
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value?.ToString() is { } text)
            {
                request.TriggerMetadata[name] = new TypedData { String = text };
            }
        }

        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            request.TraceContext = new RpcTraceContext { TraceParent = activity.Id ?? "", TraceState = activity.TraceStateString ?? "" };
        }
    }

    /// <summary>Forwards path, query, headers and body as they came, and adds the header that ties the request to its invocation.</summary>
    private sealed class InvocationIdTransformer : HttpTransformer
    {
        public static readonly InvocationIdTransformer Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.TryAddWithoutValidation(InvocationIdHeader, (string)httpContext.Items[InvocationIdHeader]!);
        }
    }
}
