using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.DevHost.Functions;

/// <summary>
/// Calls a function method the way the isolated worker does: a new instance of the function class per invocation,
/// constructed from the invocation's service scope, with trigger data bound to the parameters.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> bindParameter)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(bindParameter).ToArray();
        object? returned;
        try
        {
            returned = method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
        return resultProperty is null || resultProperty.PropertyType.Name == "VoidTaskResult" ? null : resultProperty.GetValue(task);
    }
}
