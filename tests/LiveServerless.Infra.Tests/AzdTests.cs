using System.Text.Json;
using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed partial class AzdTests(InfraFixture infra)
{
    [Fact]
    public void AzureYaml_DeploysTheFunctionAppProjectAsServiceApi()
    {
        var yaml = File.ReadAllText(RepositoryFiles.Combine("azure.yaml"));
        var service = ServiceBlock().Match(yaml);
        Assert.True(service.Success, "azure.yaml must declare the service 'api'");

        var block = service.Groups["body"].Value;
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", block);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", block);
        var project = Regex.Match(block, @"(?m)^\s+project:\s*(?<path>\S+)\s*$").Groups["path"].Value;
        Assert.Equal("./functions/LiveServerless.Functions", project.TrimEnd('/'));
        Assert.True(File.Exists(RepositoryFiles.Combine("functions", "LiveServerless.Functions", "LiveServerless.Functions.csproj")));
    }

    [Fact]
    public void ParametersFile_SetsOnlyDeclaredParameters_AndLeavesSecretsToAzd()
    {
        // azd substitutes ${NAME} and ${NAME=default} from the environment before it reads the file.
        var text = AzdVariable().Replace(File.ReadAllText(RepositoryFiles.Combine("infra", "main.parameters.json")), m => m.Groups["default"].Value);
        using var document = JsonDocument.Parse(text);
        var names = document.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        var declared = infra.Template.Parameters;
        Assert.All(names, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare"));
        Assert.Contains("environmentName", names);
        Assert.Contains("location", names);
        Assert.All(names, name => Assert.False(infra.Template.IsSecure(name), $"'{name}' is secure: azd generates it, the file must not set it"));
    }

    [GeneratedRegex(@"(?ms)^services:\s*$.*?^  api:\s*$(?<body>(?:\n    .*)+)")]
    private static partial Regex ServiceBlock();

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?:=(?<default>[^}]*))?\}")]
    private static partial Regex AzdVariable();
}
