using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// Chooses the ad for a viewer in a room. The campaigns, budgets and pacing come from this instance's in-memory state
/// (<see cref="AdServingState"/>); storage is touched only for the request's own context — the room, the viewer and their profile,
/// read in parallel — and for the viewer's ledger, which is written (If-Match) before the token is handed out: the frequency unit is
/// then counted, and the budget was reserved in memory from a lease already recorded in the campaign's delivery document.
/// </summary>
public sealed class AdDecisionService(
    RoomStore rooms,
    UserStore users,
    ProfileStore profiles,
    AdLedgerStore ledgers,
    AdServingState state,
    ImpressionTokenKey tokenKey,
    TimeProvider time)
{
    /// <summary>Tries before giving up on a viewer whose ledger keeps changing under us (two tabs asking at once).</summary>
    private const int MaxAttempts = 5;

    /// <summary>The chosen ad, or null when no campaign is eligible (or the room is not live, so nothing would be seen).</summary>
    public async Task<AdPlacement?> DecideAsync(WebUser viewer, string roomId, CancellationToken cancellationToken)
    {
        var roomRead = rooms.GetRequiredAsync(viewer.TenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(viewer.TenantId, viewer.UserId, cancellationToken);
        var profileRead = profiles.GetAsync(viewer.TenantId, viewer.UserId, cancellationToken);
        var ledgerRead = ledgers.ReadAsync(new LedgerKey(viewer.TenantId, viewer.UserId), cancellationToken);
        await Task.WhenAll(roomRead, userRead, profileRead, ledgerRead);
        var room = (await roomRead).Value;
        if (room.Status != RoomStatus.Live)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var profile = await profileRead ?? UserProfile.ForNewUser(viewer.UserId, (await userRead).Value.Tags, now);
        var request = AdRequest.ForRoom(room, AdAudiences.Of(profile, now));
        var (ledger, etag) = await ledgerRead;
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = state.Snapshot;
            var placement = AdServing.Serve(request, snapshot.Index, state.Wallet, ledger, Ids.New(), tokenKey.Bytes, snapshot.SettledUntil, now);
            if (placement is null || await StoreAsync(placement, etag, cancellationToken))
            {
                return placement;
            }

            if (attempt == MaxAttempts)
            {
                throw new ConflictException("The viewer's ads changed concurrently; ask again.");
            }

            (ledger, etag) = await ledgers.ReadAsync(new LedgerKey(viewer.TenantId, viewer.UserId), cancellationToken);
        }
    }

    /// <summary>
    /// Stores the ledger that reserves the placement's frequency unit. When the write loses a race or fails, the token is never handed
    /// out, so its budget reservation goes back to the wallet: no event can ever be charged to it.
    /// </summary>
    private async Task<bool> StoreAsync(AdPlacement placement, string? etag, CancellationToken cancellationToken)
    {
        var stored = false;
        try
        {
            stored = await ledgers.TryWriteAsync(placement.Ledger, etag, cancellationToken);
            return stored;
        }
        finally
        {
            if (!stored)
            {
                state.Wallet.Release(placement.Decision.Reservation);
            }
        }
    }
}
