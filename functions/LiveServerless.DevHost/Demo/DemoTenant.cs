using System.Text.Json;

namespace LiveServerless.DevHost.Demo;

/// <summary>The demo tenant's id and partner key (every partner scope), kept in the local data folder so a restart reuses them.</summary>
public sealed record DemoTenant(string TenantId, string ApiKey)
{
    private const string FileName = "demo-tenant.json";

    public static DemoTenant? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<DemoTenant>(File.ReadAllText(path)) : null;
    }

    public void Save(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(this));
    }
}

/// <summary>
/// The demo tenant once seeded, and the client DevHost calls its own API with; both null while no demo tenant is seeded (tests
/// that leave seeding off, or a seed that failed).
/// </summary>
public sealed class DemoSession
{
    public DemoTenant? Tenant { get; set; }

    public DemoApi? Api { get; set; }
}
