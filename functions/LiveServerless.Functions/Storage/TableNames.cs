namespace LiveServerless.Functions.Storage;

/// <summary>Every Azure Table the app uses. Bicep and docs/architecture.md list the same names.</summary>
public static class TableNames
{
    public const string Tenants = "tenants";

    public const string ApiKeys = "apikeys";

    public const string Users = "users";

    public const string Rooms = "rooms";
}
