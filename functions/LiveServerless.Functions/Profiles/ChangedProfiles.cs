namespace LiveServerless.Functions.Profiles;

/// <summary>Users (tenant, user) whose profile changed since it was last read for their recommendations; the refresher drains it.</summary>
public sealed class ChangedProfiles : PendingSet<(string TenantId, string UserId)>;
