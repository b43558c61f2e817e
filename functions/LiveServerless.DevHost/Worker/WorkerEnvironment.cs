using Microsoft.Extensions.Configuration;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// The environment the worker starts with. App settings go as environment variables in <c>Section__Key</c> form, as in Azure;
/// a variable already set in DevHost's own environment is inherited by the worker and wins over the local settings files.
/// </summary>
public static class WorkerEnvironment
{
    public static Dictionary<string, string> Build(
        IReadOnlyDictionary<string, string?> localSettings, IReadOnlyDictionary<string, string?> overrides, IConfiguration logging, string appDirectory, string environmentName)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in localSettings)
        {
            var name = ToVariableName(key);
            if (value is not null && Environment.GetEnvironmentVariable(name) is null)
            {
                environment[name] = value;
            }
        }

        // DevHost's log levels, so the worker does not send what DevHost would drop anyway.
        foreach (var (key, value) in logging.AsEnumerable().Where(s => s.Value is not null))
        {
            environment[ToVariableName(key)] = value!;
        }

        foreach (var (key, value) in overrides)
        {
            if (value is not null)
            {
                environment[ToVariableName(key)] = value;
            }
        }

        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        environment["AzureWebJobsScriptRoot"] = appDirectory;
        environment["AZURE_FUNCTIONS_ENVIRONMENT"] = environmentName;
        environment["DOTNET_ENVIRONMENT"] = environmentName;
        environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        return environment;
    }

    private static string ToVariableName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
