using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Interactions;

/// <summary>
/// Accepts a web client's interactions in a live room: validates every event, bounds what one user can inject, records new
/// follows, verifies ad events' impression tokens, and publishes to the stream. The answer is 2xx only once Event Hubs has durably
/// accepted the events.
/// </summary>
public sealed class InteractionService(
    RoomStore rooms,
    UserStore users,
    FollowStore follows,
    InteractionLimiter limiter,
    InteractionPublisher publisher,
    ImpressionTokenKey tokenKey,
    TimeProvider time)
{
    public async Task<IReadOnlyList<Interaction>> IngestAsync(WebUser sender, string roomId, IngestRequest request, CancellationToken cancellationToken)
    {
        var drafts = request.ToDrafts();
        var roomRead = rooms.GetRequiredAsync(sender.TenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(sender.TenantId, sender.UserId, cancellationToken);
        await Task.WhenAll(roomRead, userRead);
        var room = (await roomRead).Value;
        if (room.Status != RoomStatus.Live)
        {
            throw new ConflictException($"Room '{roomId}' is not live; interactions are accepted while it is.");
        }

        var context = new IngestContext(sender.TenantId, sender.UserId, room, time.GetUtcNow());
        ValidateAsPosted(drafts, context, request.IsBatch);
        var tokens = VerifyImpressionTokens(drafts, context, request.IsBatch);
        limiter.Take(sender.TenantId, sender.UserId, drafts.Where(d => d.Type == InteractionType.Like).Sum(d => (long)(d.Count ?? 1)),
            drafts.Where(d => d.Type == InteractionType.Gift).Sum(d => (d.Count ?? 1) * (d.Value ?? 0m)));

        var accepted = drafts.Select((d, i) => WithAd(InteractionRules.Accept(d, context), tokens[i])).ToArray();
        var hasFollow = accepted.Any(i => i.Type == InteractionType.Follow);

        // Following a host one already follows changes nothing, so that event is not published (statistics count new follows).
        var alreadyFollowing = hasFollow && await follows.IsFollowingAsync(sender.TenantId, sender.UserId, room.HostUserId, cancellationToken);
        await publisher.PublishAsync(alreadyFollowing ? [.. accepted.Where(i => i.Type != InteractionType.Follow)] : accepted, cancellationToken);
        if (hasFollow && !alreadyFollowing)
        {
            await follows.FollowAsync(sender.TenantId, new Follow(sender.UserId, room.HostUserId, context.ReceivedAt), cancellationToken);
        }

        return accepted;
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
