using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// The GitHub Actions workflow cannot run here, so it is held two ways: against GitHub's workflow schema (action-validator,
/// pinned in package.json, which also resolves job dependencies), and against what this project needs from it —
/// OIDC instead of secrets, one package built and tested, then promoted unchanged from dev to prod, a smoke test, a way back.
/// </summary>
public sealed partial class PipelineTests
{
    private static readonly string WorkflowPath = RepositoryFiles.Combine(".github", "workflows", "deploy.yml");

    private static readonly string Workflow = File.ReadAllText(WorkflowPath);

    [Fact]
    public async Task EveryWorkflow_PassesTheGithubWorkflowSchemaCheck()
    {
        var validator = RepositoryFiles.Combine("node_modules", "@action-validator", "cli", "cli.mjs");
        Assert.True(File.Exists(validator), $"action-validator is missing at {validator}: run `npm ci` at the repository root.");

        var workflows = Directory.GetFiles(RepositoryFiles.Combine(".github", "workflows"), "*.yml");
        Assert.NotEmpty(workflows);
        foreach (var workflow in workflows)
        {
            var (exitCode, output) = await RunAsync("node", validator, workflow);
            Assert.True(exitCode == 0, $"{Path.GetFileName(workflow)} fails the schema check:{Environment.NewLine}{output}");
        }
    }

    [Fact]
    public void Jobs_RunInOrder_BuildThenDevThenProd()
    {
        var jobs = Jobs();
        Assert.Equal(["build", "dev", "prod"], jobs.Keys);
        Assert.Matches(@"(?m)^    needs: build\s*$", jobs["dev"]);
        Assert.Matches(@"(?m)^    needs: dev\s*$", jobs["prod"]);
        Assert.Matches(@"(?m)^    environment: dev\s*$", jobs["dev"]);
        Assert.Matches(@"(?m)^    environment: prod\s*$", jobs["prod"]);
    }

    [Fact]
    public void ThePackage_IsBuiltOnceAfterTheTests_AndBothEnvironmentsDeployThatSameArtifact()
    {
        var jobs = Jobs();
        var build = jobs["build"];
        Assert.True(build.IndexOf("bash .ci/run", StringComparison.Ordinal) < build.IndexOf("infra/scripts/package.sh", StringComparison.Ordinal), "tests must run before packaging");
        Assert.Single(PackageBuilds().Matches(Workflow));

        var artifact = ArtifactName().Match(build).Groups["name"].Value;
        Assert.False(string.IsNullOrEmpty(artifact), "the build job must upload the package as an artifact");
        foreach (var environment in (string[])["dev", "prod"])
        {
            var job = jobs[environment];
            Assert.Contains("actions/download-artifact@", job, StringComparison.Ordinal);
            Assert.Equal(artifact, ArtifactName().Match(job).Groups["name"].Value);
            Assert.Contains("./infra/scripts/release.sh deploy dist/api.zip", job, StringComparison.Ordinal);
            Assert.Contains("azd provision --no-prompt", job, StringComparison.Ordinal);
            Assert.Contains("./infra/scripts/smoke.sh", job, StringComparison.Ordinal);
            Assert.DoesNotContain("dotnet publish", job, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AzureSignIn_UsesFederatedCredentials_AndNoClientSecret()
    {
        var jobs = Jobs();
        foreach (var environment in (string[])["dev", "prod"])
        {
            Assert.Matches(@"(?m)^      id-token: write\s*$", jobs[environment]);
            Assert.Contains("--federated-credential-provider github", jobs[environment], StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"(?i)client-secret|AZURE_CREDENTIALS|creds:", Workflow);
        // The only secret is azd's environment configuration (the keys azd generated once), never a credential.
        var secrets = SecretReference().Matches(Workflow).Select(m => m.Groups["name"].Value).Distinct();
        Assert.Equal(["AZD_INITIAL_ENVIRONMENT_CONFIG"], secrets);
        Assert.Matches(@"(?m)^permissions:\s*\n  contents: read\s*$", Workflow);
    }

    [Fact]
    public void Dev_RunsTheWalkthroughSubset_AndProdChecksHealth()
    {
        var jobs = Jobs();
        Assert.DoesNotContain("--health-only", jobs["dev"], StringComparison.Ordinal);
        Assert.Contains("--health-only", jobs["prod"], StringComparison.Ordinal);

        var smoke = File.ReadAllText(RepositoryFiles.Combine("infra", "scripts", "smoke.sh"));
        Assert.Contains("/health/ready", smoke, StringComparison.Ordinal);
        Assert.Contains("$api/tenants", smoke, StringComparison.Ordinal);
        Assert.Contains("/interactions", smoke, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package.sh")]
    [InlineData("release.sh")]
    [InlineData("smoke.sh")]
    [InlineData("publish-package.sh")]
    public void Scripts_ThePipelineAndAzdRun_ExistAndAreExecutable(string script)
    {
        var path = RepositoryFiles.Combine("infra", "scripts", script);
        Assert.True(File.Exists(path), $"{script} is missing");
        Assert.StartsWith("#!/bin/sh", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }

    [Fact]
    public void DeployGuide_HasTheOneRollbackCommand_AndThePipelineSetup()
    {
        var guide = File.ReadAllText(RepositoryFiles.Combine("docs", "deploy.md"));
        Assert.Contains("./infra/scripts/release.sh rollback", guide, StringComparison.Ordinal);
        Assert.Contains("azd pipeline config", guide, StringComparison.Ordinal);
        Assert.Contains("AZD_INITIAL_ENVIRONMENT_CONFIG", guide, StringComparison.Ordinal);
    }

    /// <summary>The jobs block split per job (two-space indented keys under `jobs:`), in file order.</summary>
    private static Dictionary<string, string> Jobs()
    {
        var jobsBlock = Workflow[(Workflow.IndexOf("\njobs:\n", StringComparison.Ordinal) + 7)..];
        var starts = JobKey().Matches(jobsBlock).ToList();
        return starts.Select((match, i) => (match.Groups["name"].Value, jobsBlock[match.Index..(i + 1 < starts.Count ? starts[i + 1].Index : jobsBlock.Length)]))
            .ToDictionary(j => j.Item1, j => j.Item2, StringComparer.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"(?m)^  (?<name>[a-z][a-z0-9_-]*):\s*$")]
    private static partial Regex JobKey();

    [GeneratedRegex(@"infra/scripts/package\.sh")]
    private static partial Regex PackageBuilds();

    [GeneratedRegex(@"(?:upload|download)-artifact@v\d+\s*\n\s+with:\s*\n\s+name: (?<name>\S+)")]
    private static partial Regex ArtifactName();

    [GeneratedRegex(@"secrets\.(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex SecretReference();
}
