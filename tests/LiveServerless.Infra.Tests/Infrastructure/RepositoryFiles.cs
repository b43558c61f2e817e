using System.Reflection;

namespace LiveServerless.Infra.Tests.Infrastructure;

/// <summary>Paths baked in at build time (see the csproj's AssemblyMetadata items).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string BicepCli { get; } = Metadata("BicepCliPath");

    public static string MainBicep => Path.Combine(Root, "infra", "main.bicep");

    public static string Combine(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string Metadata(string key) =>
        typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing: build the test project with MSBuild.");
}
