using Azure.Data.Tables;

namespace LiveServerless.Functions.Health;

/// <summary>Azure Tables answers a one-row query of its table list.</summary>
public sealed class TablesHealthProbe(TableServiceClient tables) : IHealthProbe
{
    public string Name => "tables";

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return;
        }
    }
}
