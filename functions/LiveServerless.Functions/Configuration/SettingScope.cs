namespace LiveServerless.Functions.Configuration;

/// <summary>Where a setting is expected to be set. The configuration-contract test holds Bicep and local.settings.sample.json to it.</summary>
public enum SettingScope
{
    /// <summary>Set locally (local.settings.sample.json) and in Azure (Bicep app settings).</summary>
    Everywhere,

    /// <summary>Only for local runs against emulators, e.g. connection strings with development keys.</summary>
    LocalOnly,

    /// <summary>Only in Azure, e.g. identity-based service URIs.</summary>
    AzureOnly,

    /// <summary>Tuning whose defaults suit both: set in neither place, but either may set it (e.g. a test host's shorter intervals).</summary>
    Optional,
}

/// <summary>Marks an options property that is not set everywhere.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingScopeAttribute(SettingScope scope) : Attribute
{
    public SettingScope Scope { get; } = scope;
}

/// <summary>Marks a class bound from a configuration section; its public settable properties are the settings the app reads.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SettingsSectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
