using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed class BicepBuildTests(InfraFixture infra)
{
    [Fact]
    public void MainTemplate_Builds_WithoutWarnings()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed: {infra.Build}");
        Assert.True(string.IsNullOrWhiteSpace(infra.Build.StandardError), $"bicep build reported diagnostics:{Environment.NewLine}{infra.Build.StandardError}");
    }

    [Fact]
    public void MainTemplate_LintsClean()
    {
        Assert.True(infra.Lint.ExitCode == 0, $"bicep lint failed: {infra.Lint}");
        var findings = (infra.Lint.StandardOutput + infra.Lint.StandardError).Trim();
        Assert.True(findings.Length == 0, $"bicep lint reported:{Environment.NewLine}{findings}");
    }

    [Fact]
    public void PredictedDeployments_HaveNoDiagnostics()
    {
        foreach (var (snapshot, deployment) in new[] { (infra.DefaultsSnapshot, infra.Defaults), (infra.AlternativesSnapshot, infra.Alternatives), (infra.LimitsSnapshot, infra.Limits) })
        {
            Assert.True(snapshot.ExitCode == 0, $"bicep snapshot ({deployment.Scenario}) failed: {snapshot}");
            Assert.Empty(deployment.Diagnostics);
        }
    }

    [Fact]
    public void EveryParameter_IsDescribedAsRequiredOrOptional_AndRequiredMeansNoDefault()
    {
        var problems = new List<string>();
        foreach (var template in infra.Template.SelfAndDescendants)
        {
            foreach (var (name, parameter) in template.Parameters)
            {
                var description = parameter.StringAt("metadata.description") ?? "";
                var hasDefault = parameter.At("defaultValue") is not null || parameter.BoolAt("nullable") == true;
                if (description.StartsWith("Required. ", StringComparison.Ordinal))
                {
                    if (hasDefault)
                    {
                        problems.Add($"{template}.{name}: described as Required but has a default");
                    }
                }
                else if (description.StartsWith("Optional. ", StringComparison.Ordinal))
                {
                    if (!hasDefault)
                    {
                        problems.Add($"{template}.{name}: described as Optional but has no default");
                    }
                }
                else
                {
                    problems.Add($"{template}.{name}: description must start with 'Required. ' or 'Optional. ' (is '{description}')");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryModule_OutputsItsName_AndResourceId()
    {
        var modules = infra.Template.SelfAndDescendants.Skip(1).ToList();
        Assert.NotEmpty(modules);
        foreach (var module in modules)
        {
            Assert.True(module.Outputs.ContainsKey("name"), $"module '{module}' has no 'name' output");
            Assert.True(module.Outputs.ContainsKey("resourceId"), $"module '{module}' has no 'resourceId' output");
        }
    }

    [Fact]
    public void ResourceNames_DeriveFromOneResourceToken()
    {
        // toLower(uniqueString(subscription().id, environmentName, location)) is 13 characters; every name carries it.
        var storage = infra.Defaults.Only("Microsoft.Storage/storageAccounts").Name;
        var token = storage[^13..];
        Assert.Matches("^[a-z0-9]{13}$", token);
        string[] types =
        [
            "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components",
            "Microsoft.EventHub/namespaces", "Microsoft.DocumentDB/databaseAccounts", "Microsoft.KeyVault/vaults",
            "Microsoft.SignalRService/signalR", "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
        ];
        foreach (var type in types)
        {
            Assert.EndsWith(token, infra.Defaults.Only(type).Name, StringComparison.Ordinal);
        }
    }
}
