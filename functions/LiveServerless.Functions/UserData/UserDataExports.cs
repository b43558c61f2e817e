namespace LiveServerless.Functions.UserData;

/// <summary>Collects every registered store's part of a user's export, read in parallel.</summary>
public sealed class UserDataExports(IEnumerable<IUserDataExporter> exporters)
{
    private readonly IReadOnlyList<IUserDataExporter> _exporters = [.. exporters];

    /// <summary>Section name → that store's data about the user, in registration order.</summary>
    public async Task<IReadOnlyDictionary<string, object?>> CollectAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var sections = await Task.WhenAll(_exporters.Select(async exporter =>
            (exporter.Section, Data: await exporter.ExportUserAsync(tenantId, userId, cancellationToken))));
        return sections.ToDictionary(s => s.Section, s => s.Data, StringComparer.Ordinal);
    }
}
