namespace LiveServerless.Functions.Configuration;

/// <summary>
/// App Service replaces a <c>@Microsoft.KeyVault(...)</c> setting with the secret before the app starts. When it cannot (the
/// identity lacks access yet, a wrong secret URI), the app receives the reference text itself, which would then be used as a
/// signing key or admin key. The app refuses to start instead, with a message that names the setting.
/// </summary>
public static class SecretSettings
{
    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase);

    public static string UnresolvedMessage(string setting) =>
        $"{setting} is an unresolved Key Vault reference: check the app's Key Vault references (docs/deploy.md, After the deployment, step 2).";
}
