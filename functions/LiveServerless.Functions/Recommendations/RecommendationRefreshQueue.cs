namespace LiveServerless.Functions.Recommendations;

/// <summary>Users (tenant, user) whose profile changed since their list was last computed; the refresher drains it.</summary>
public sealed class RecommendationRefreshQueue : PendingSet<(string TenantId, string UserId)>;
