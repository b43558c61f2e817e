using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed class BicepBuildTests(InfraFixture infra)
{
    [Fact]
    public void Main_template_builds_without_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed: {infra.Build}");
        Assert.True(string.IsNullOrWhiteSpace(infra.Build.StandardError), $"bicep build reported diagnostics:{Environment.NewLine}{infra.Build.StandardError}");
    }

    [Fact]
    public void Main_template_lints_clean()
    {
        Assert.True(infra.Lint.ExitCode == 0, $"bicep lint failed: {infra.Lint}");
        var findings = (infra.Lint.StandardOutput + infra.Lint.StandardError).Trim();
        Assert.True(findings.Length == 0, $"bicep lint reported:{Environment.NewLine}{findings}");
    }

    [Fact]
    public void Predicted_deployments_have_no_diagnostics()
    {
        foreach (var (snapshot, deployment) in new[] { (infra.DefaultsSnapshot, infra.Defaults), (infra.AlternativesSnapshot, infra.Alternatives), (infra.LimitsSnapshot, infra.Limits) })
        {
            Assert.True(snapshot.ExitCode == 0, $"bicep snapshot ({deployment.Scenario}) failed: {snapshot}");
            Assert.Empty(deployment.Diagnostics);
        }
    }

    [Fact]
    public void Every_parameter_is_described_as_required_or_optional_and_required_means_no_default()
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
    public void Every_module_outputs_its_name_and_resource_id()
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
    public void Resource_names_derive_from_one_resource_token()
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
