namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// One recommended live room, shaped like an item of <c>GET /api/me/recommendations</c>. <see cref="Score"/> is the diversity-adjusted
/// relevance that produced the order (non-increasing down a list; comparable within one list only); <see cref="Reasons"/> is never empty.
/// </summary>
public sealed record Recommendation(
    string RoomId,
    string Title,
    string HostUserId,
    IReadOnlyList<string> Tags,
    double Score,
    IReadOnlyList<string> Reasons);
