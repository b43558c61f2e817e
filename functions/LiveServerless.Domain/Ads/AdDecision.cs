namespace LiveServerless.Domain.Ads;

/// <summary>
/// The chosen ad for one request, with the budget already reserved for it. Until its token is handed out the caller may still give the
/// reservation back (<see cref="LeaseWallet.Release"/>).
/// </summary>
public sealed record AdDecision(
    Campaign Campaign,
    string ImpressionId,
    LeaseReservation Reservation,
    DateTimeOffset ServedAt,
    DateTimeOffset ExpiresAt,
    double Pctr,
    double ExpectedValue)
{
    public ImpressionToken Token(AdRequest request) => new(
        ImpressionId, request.TenantId, request.Audience.UserId, Campaign.Id, request.RoomId, ServedAt, ExpiresAt);
}
