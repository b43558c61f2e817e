using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Limits;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Tenants;
using LiveServerless.Functions.Usage;
using LiveServerless.Functions.Users;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Interactions;

/// <summary>What an ingest request did: the accepted events, the limits it was counted against, and for gifts the receipt.</summary>
public sealed record IngestResult(IReadOnlyList<Interaction> Accepted, IReadOnlyList<RateLimitState> Limits, GiftReceipt? Gifts);

/// <summary>
/// Accepts a web client's interactions in a live room: validates every event, refuses banned viewers, prices gifts from the catalog,
/// holds the shared limits (the tenant's quota, per-user caps per room), verifies ad events' impression tokens, and publishes the
/// request's events in one send — all of them or none. A gift request is a payment and goes through <see cref="GiftPayments"/>.
/// </summary>
public sealed class InteractionService(
    RoomStore rooms,
    UserStore users,
    TenantStore tenants,
    ChatStateStore chatState,
    FollowStore follows,
    GiftCatalogService catalog,
    GiftPayments payments,
    SharedRateLimiter limiter,
    RateLimitPolicies policies,
    TenantQuotas quotas,
    InteractionPublisher publisher,
    ImpressionTokenKey tokenKey,
    UsageMeter usage,
    TimeProvider time)
{
    public async Task<IngestResult> IngestAsync(WebUser sender, string roomId, IngestRequest request, CancellationToken cancellationToken)
    {
        var drafts = request.ToDrafts();
        var context = await ContextAsync(sender, roomId, drafts, cancellationToken);
        ValidateAsPosted(drafts, context, request.IsBatch);
        var tokens = VerifyImpressionTokens(drafts, context, request.IsBatch);
        var limits = await TakeLimitsAsync(sender, roomId, drafts, cancellationToken);
        var accepted = drafts.Select((d, i) => WithAd(InteractionRules.Accept(d, context), tokens[i])).ToArray();

        if (accepted.Any(i => i.Type == InteractionType.Gift))
        {
            var receipt = await payments.SendAsync(sender.TenantId, sender.UserId, accepted, cancellationToken);
            usage.Count(sender.TenantId, UsageCounter.EventsIngested, accepted.Length);
            return new IngestResult(accepted, limits, receipt);
        }

        // Following a host one already follows changes nothing, so that event is not published (statistics count new follows).
        var toPublish = accepted.Any(i => i.Type == InteractionType.Follow) &&
            await follows.IsFollowingAsync(sender.TenantId, sender.UserId, context.Room.HostUserId, cancellationToken)
            ? [.. accepted.Where(i => i.Type != InteractionType.Follow)]
            : accepted;
        if (toPublish.Length > 0)
        {
            await publisher.PublishAsOneBatchAsync(toPublish, cancellationToken);
            usage.Count(sender.TenantId, UsageCounter.EventsIngested, toPublish.Length);
        }

        return new IngestResult(accepted, limits, Gifts: null);
    }

    /// <summary>The room (live), the sender (existing, not banned from it) and, for gifts, the catalog and the tenant's revenue share, read in parallel.</summary>
    private async Task<IngestContext> ContextAsync(WebUser sender, string roomId, IReadOnlyList<InteractionDraft> drafts, CancellationToken cancellationToken)
    {
        var giftIds = drafts.Where(d => d.Type == InteractionType.Gift && Ids.IsValid(d.GiftId)).Select(d => d.GiftId!).ToArray();
        var roomRead = rooms.GetRequiredAsync(sender.TenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(sender.TenantId, sender.UserId, cancellationToken);
        var banRead = chatState.GetBanAsync(sender.TenantId, roomId, sender.UserId, cancellationToken);
        var catalogRead = giftIds.Length == 0 ? Task.FromResult<IReadOnlyDictionary<string, Gift>>(new Dictionary<string, Gift>()) : catalog.SendableAsync(sender.TenantId, giftIds, cancellationToken);
        var tenantRead = giftIds.Length == 0 ? Task.FromResult<Tenant?>(null) : tenants.GetTenantAsync(sender.TenantId, cancellationToken);
        await Task.WhenAll(roomRead, userRead, banRead, catalogRead, tenantRead);
        var room = (await roomRead).Value;
        if (room.Status != RoomStatus.Live)
        {
            throw new ConflictException($"Room '{roomId}' is not live; interactions are accepted while it is.");
        }

        if (await banRead is not null)
        {
            throw new ForbiddenException("You are banned from this room.");
        }

        return new IngestContext(sender.TenantId, sender.UserId, room, time.GetUtcNow())
        {
            Catalog = await catalogRead,
            HostShare = (await tenantRead)?.RevenueShare ?? Earnings.DefaultHostShare,
        };
    }

    /// <summary>
    /// The tenant's ingest quota (every event counts) and the sender's caps in this room (likes, shares), held across instances.
    /// Returns the state of each limit taken, for the RateLimit headers.
    /// </summary>
    private async Task<IReadOnlyList<RateLimitState>> TakeLimitsAsync(WebUser sender, string roomId, IReadOnlyList<InteractionDraft> drafts, CancellationToken cancellationToken)
    {
        var states = new List<RateLimitState>
        {
            await limiter.TakeAsync(await quotas.TenantEventsAsync(sender.TenantId, cancellationToken), sender.TenantId, drafts.Count, "This app's clients are sending more interactions than its quota allows; slow down.", cancellationToken),
        };
        var subject = $"{sender.TenantId}:{sender.UserId}:{roomId}";
        var likes = drafts.Where(d => d.Type == InteractionType.Like).Sum(d => d.Count ?? 1);
        if (likes > 0)
        {
            states.Add(await limiter.TakeAsync(policies.Likes, subject, likes, "Too many likes in this room; slow down.", cancellationToken));
        }

        var shares = drafts.Count(d => d.Type == InteractionType.Share);
        if (shares > 0)
        {
            states.Add(await limiter.TakeAsync(policies.Shares, subject, shares, "Too many shares in this room; slow down.", cancellationToken));
        }

        return states;
    }

    /// <summary>A single posted event reports its field errors by name ("count"); a batch by position ("events[3].count").</summary>
    private static void ValidateAsPosted(IReadOnlyList<InteractionDraft> drafts, IngestContext context, bool isBatch)
    {
        try
        {
            InteractionRules.Validate(drafts, context);
        }
        catch (ValidationException exception) when (!isBatch)
        {
            throw new ValidationException(exception.Errors.ToDictionary(e => e.Key.Replace("events[0].", "", StringComparison.Ordinal), e => e.Value));
        }
    }

    /// <summary>
    /// Ad events carry the impression token of the ad decision. It must verify for this viewer of this tenant, now, and name this room:
    /// then it cannot have been forged, altered, borrowed or kept past its lifetime. A replay of a good token is accepted here and counts
    /// for nothing downstream (the viewer's ledger counts an impression and a click once per impression).
    /// </summary>
    private ImpressionToken?[] VerifyImpressionTokens(IReadOnlyList<InteractionDraft> drafts, IngestContext context, bool isBatch)
    {
        var errors = new FieldErrors();
        var tokens = new ImpressionToken?[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i].Type is not (InteractionType.AdImpression or InteractionType.AdClick))
            {
                continue;
            }

            var field = isBatch ? $"events[{i}].impressionToken" : "impressionToken";
            var verdict = ImpressionToken.Verify(drafts[i].ImpressionToken, tokenKey.Bytes, context.TenantId, context.UserId, context.ReceivedAt);
            errors.When(verdict.Rejection is TokenRejection.Malformed or TokenRejection.BadSignature, field, "is not a valid impression token");
            errors.When(verdict.Rejection is TokenRejection.WrongViewer, field, "was issued to another viewer");
            errors.When(verdict.Rejection is TokenRejection.Expired, field, "has expired; ask for a new ad");
            errors.When(verdict.Token is { } token && token.RoomId != context.Room.Id, field, "was issued for another room");
            tokens[i] = verdict.Token;
        }

        errors.ThrowIfAny();
        return tokens;
    }

    /// <summary>An ad event names the campaign and the impression its verified token names; the token itself is not forwarded.</summary>
    private static Interaction WithAd(Interaction interaction, ImpressionToken? token) =>
        token is null ? interaction : interaction with { CampaignId = token.CampaignId, ImpressionId = token.ImpressionId, RoomId = token.RoomId };
}
