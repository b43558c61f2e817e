using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Moderation;

/// <summary>The audit log of a room's moderation, newest first (row keys are newest-first ids).</summary>
public sealed class ModerationLogStore(TableProvider tables)
{
    private readonly DocumentTable<ModerationAction> _actions = new(tables, TableNames.ModerationLog, "Moderation action");

    public Task AddAsync(string tenantId, ModerationAction action, CancellationToken cancellationToken) =>
        _actions.AddAsync(TableNames.Scoped(tenantId, action.RoomId), action.Id, action, columns: null, cancellationToken);

    public async Task<Page<ModerationAction>> ListAsync(string tenantId, string roomId, PageRequest page, CancellationToken cancellationToken) =>
        (await _actions.QueryAsync(TableNames.Scoped(tenantId, roomId), columnFilter: null, page, cancellationToken)).Map(v => v.Value);
}
