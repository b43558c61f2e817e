using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

[Collection(InfraTemplates.Name)]
public sealed partial class SecretsTests(InfraFixture infra)
{
    private static readonly string[] GeneratedSecretParameters = ["adminApiKey", "userTokenSigningKey", "adsImpressionTokenKey"];

    public static TheoryData<string> Scenarios => ["defaults", "alternatives"];

    private PredictedDeployment Deployment(string scenario) => scenario == "defaults" ? infra.Defaults : infra.Alternatives;

    [Fact]
    public void NoOutput_ExposesASecret()
    {
        var problems = new List<string>();
        foreach (var template in infra.Template.SelfAndDescendants)
        {
            foreach (var (name, output) in template.Outputs)
            {
                var value = output.At("value")?.ToString() ?? "";
                if (SecretLikeName().IsMatch(name))
                {
                    problems.Add($"{template}: output '{name}' is named like a secret");
                }

                if (ListFunction().IsMatch(value))
                {
                    problems.Add($"{template}: output '{name}' calls a list*() function: {value}");
                }

                if (output.StringAt("type")?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
                {
                    problems.Add($"{template}: output '{name}' is a secure output");
                }

                foreach (Match parameter in ParameterReference().Matches(value))
                {
                    if (template.IsSecure(parameter.Groups["name"].Value))
                    {
                        problems.Add($"{template}: output '{name}' returns the secure parameter '{parameter.Groups["name"].Value}'");
                    }
                }
            }
        }

        foreach (var (name, value) in infra.Defaults.Outputs)
        {
            if (ListFunction().IsMatch(value.ToString()))
            {
                problems.Add($"deployment output '{name}' calls a list*() function");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void SecretParameters_AreSecureHaveNoDefault_AndAreGeneratedByAzd()
    {
        var parameters = infra.Template.Parameters;
        foreach (var name in GeneratedSecretParameters)
        {
            var parameter = parameters[name];
            Assert.Equal("securestring", parameter.StringAt("type"), ignoreCase: true);
            Assert.Null(parameter.At("defaultValue"));
            Assert.True(parameter.IntAt("minLength") >= 32, $"{name} must be at least 32 characters (HS256 keys)");
            Assert.Equal("generate", parameter.StringAt("metadata.azd.type"));
        }

        var unprotected = parameters.Where(p => SecretLikeName().IsMatch(p.Key) && !infra.Template.IsSecure(p.Key)).Select(p => p.Key).ToList();
        Assert.True(unprotected.Count == 0, "parameters named like secrets must be @secure(): " + string.Join(", ", unprotected));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SecretSettings_AreKeyVaultReferences(string scenario)
    {
        var settings = Deployment(scenario).AppSettings;
        var secretSettings = AppSettingsContract.ExpectedInAzure.Where(name => SecretLikeName().IsMatch(name)).ToList();
        Assert.NotEmpty(secretSettings);
        foreach (var name in secretSettings)
        {
            Assert.True(KeyVaultReference().IsMatch(settings[name]), $"{name} must be a Key Vault reference, is {settings[name]}");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void KeyVaultReferences_PointAtSecretsTheTemplateDeclaresInTheAppIdentityVault(string scenario)
    {
        var deployment = Deployment(scenario);
        var secrets = deployment.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var vault = deployment.Only("Microsoft.KeyVault/vaults");
        var references = deployment.AppSettings.Where(s => s.Value.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(references);

        foreach (var (name, value) in references)
        {
            var match = KeyVaultReference().Match(value);
            Assert.True(match.Success, $"{name}: not a SecretUri Key Vault reference: {value}");
            var secretId = match.Groups["id"].Value;
            Assert.True(secrets.Contains(secretId), $"{name} references {secretId}, which the template does not declare");
            Assert.StartsWith($"{vault.Id}/secrets/", secretId, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void NoSetting_CarriesACredential(string scenario)
    {
        foreach (var (name, value) in Deployment(scenario).AppSettings)
        {
            Assert.False(ListFunction().IsMatch(value), $"{name} reads a key with a list*() function");
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccessKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("test-only-", value, StringComparison.Ordinal);
        }
    }

    // Names of things that hold secrets: ...Key, ...Keys, ...ConnectionString, ...Secret..., ...Password...; not e.g. KEY_VAULT_NAME.
    [GeneratedRegex(@"(key|keys|connection_?string|secret|password|pwd)$|(secret|password|connection_?string|access_?key|api_?key|signing_?key)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', reference\('(?<id>[^']+)', '[^']+'\)\.secretUri\)\]$")]
    private static partial Regex KeyVaultReference();
}
