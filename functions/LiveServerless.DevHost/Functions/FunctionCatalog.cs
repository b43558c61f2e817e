using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.DevHost.Functions;

/// <summary>An HTTP-triggered function as the Functions SDK sees it: name, route template (without prefix) and methods.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

/// <summary>A timer-triggered function and its NCRONTAB schedule (six fields, seconds first).</summary>
public sealed record TimerFunction(string Name, string Schedule, MethodInfo Method);

/// <summary>
/// Discovers functions from the same attributes the Functions SDK reads when it generates functions.metadata
/// ([Function] on the method, [HttpTrigger]/[TimerTrigger] on a parameter), so DevHost serves exactly what Azure would.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunction> http, IReadOnlyList<TimerFunction> timers)
    {
        Http = http;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public static FunctionCatalog FromAssembly(Assembly assembly)
    {
        var functions = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Attribute is not null)
            .ToArray();

        var http = new List<HttpFunction>();
        var timers = new List<TimerFunction>();
        foreach (var (method, attribute) in functions)
        {
            var parameters = method.GetParameters();
            if (parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } httpTrigger)
            {
                var methods = (httpTrigger.Methods ?? ["get", "post", "put", "patch", "delete"]).Select(m => m.ToUpperInvariant()).ToArray();
                http.Add(new HttpFunction(attribute!.Name, httpTrigger.Route ?? attribute.Name, methods, method));
            }
            else if (parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } timerTrigger)
            {
                timers.Add(new TimerFunction(attribute!.Name, timerTrigger.Schedule, method));
            }
            else
            {
                throw new NotSupportedException($"Function '{attribute!.Name}' has a trigger DevHost does not run; add support in {nameof(FunctionCatalog)}.");
            }
        }

        return new FunctionCatalog(http, timers);
    }
}
