using System.Reflection;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.DevHost.Functions;

/// <summary>Maps every HTTP function to an ASP.NET Core endpoint at "/{routePrefix}/{route}" with the function's methods.</summary>
public static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions, string routePrefix)
    {
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("LiveServerless.Functions");
        foreach (var function in functions)
        {
            RequireBindableParameters(function);
            endpoints.MapMethods(RoutePattern(routePrefix, function.Route), function.Methods, context => InvokeAsync(function, context, logger))
                .WithName(function.Name);
        }
    }

    public static string RoutePattern(string routePrefix, string route) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));

    /// <summary>The same glue as the worker middleware: invoke, and let <see cref="ProblemMapper"/> answer any failure.</summary>
    private static async Task InvokeAsync(HttpFunction function, HttpContext context, ILogger logger)
    {
        IActionResult result;
        try
        {
            result = await FunctionInvoker.InvokeAsync(function.Method, context.RequestServices, p => Bind(p, context)) as IActionResult
                ?? throw new InvalidOperationException($"Function '{function.Name}' returned no IActionResult.");
        }
#pragma warning disable CA1031 // Mirrors ProblemDetailsMiddleware: every failure becomes a problem document.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            result = ProblemMapper.ToResult(exception, context, logger);
        }

        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context) => parameter switch
    {
        _ when parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null => context.Request,
        _ when parameter.ParameterType == typeof(CancellationToken) => context.RequestAborted,
        _ => context.GetRouteValue(parameter.Name!)?.ToString(),
    };

    private static void RequireBindableParameters(HttpFunction function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            var bindable = parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null && parameter.ParameterType == typeof(HttpRequest)
                || parameter.ParameterType == typeof(CancellationToken)
                || parameter.ParameterType == typeof(string) && function.Route.Contains($"{{{parameter.Name}}}", StringComparison.Ordinal);
            if (!bindable)
            {
                throw new NotSupportedException(
                    $"Function '{function.Name}': DevHost binds HttpRequest, CancellationToken and route strings only; cannot bind '{parameter.Name}'.");
            }
        }
    }
}
