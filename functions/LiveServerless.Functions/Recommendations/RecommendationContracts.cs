using LiveServerless.Domain.Recommendations;

namespace LiveServerless.Functions.Recommendations;

public sealed record RecommendationItem(string RoomId, string Title, string HostUserId, IReadOnlyList<string> Tags, double Score, IReadOnlyList<string> Reasons)
{
    public static RecommendationItem From(Recommendation r) => new(r.RoomId, r.Title, r.HostUserId, r.Tags, Math.Round(r.Score, 4), r.Reasons);
}

public sealed record RecommendationsResponse(IReadOnlyList<RecommendationItem> Items, DateTimeOffset GeneratedAt)
{
    public static RecommendationsResponse From(ServedRecommendations served) => new([.. served.Items.Select(RecommendationItem.From)], served.GeneratedAt);
}
