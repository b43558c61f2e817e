namespace LiveServerless.Functions.Storage;

/// <summary>Every Azure Table the app uses. Bicep and docs/architecture.md list the same names.</summary>
public static class TableNames
{
    /// <summary>Keys of objects that live inside a room (or user) of a tenant; ':' never occurs in ids, so this is unambiguous.</summary>
    public static string Scoped(string tenantId, string id) => $"{tenantId}:{id}";

    /// <summary>An OData filter for every partition of one tenant: keys "tenant:…" sort between "tenant:" and "tenant;".</summary>
    public static string TenantPartitions(string tenantId) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {tenantId + ":"} and PartitionKey lt {tenantId + ";"}");

    public const string Tenants = "tenants";

    public const string ApiKeys = "apikeys";

    public const string Users = "users";

    public const string Rooms = "rooms";

    /// <summary>
    /// Everything a room's chat is, in one partition per room (tenant:room) so it can change in one transaction: the room's log
    /// (<c>head</c>, <c>e:{seq}</c>), its messages (<c>m:{id}</c>, newest first) and its chat state (<c>ban:</c>, <c>mute:</c>,
    /// <c>last:</c> per user, <c>pin</c>).
    /// </summary>
    public const string Chat = "chat";

    /// <summary>The moderation audit log: partition = tenant:room, row = newest-first action id.</summary>
    public const string ModerationLog = "moderationlog";

    /// <summary>Viewers present in a room: partition = tenant:room, row = user id.</summary>
    public const string Presence = "presence";

    /// <summary>Each user's current token stamp (revocation): partition = tenant, row = user id.</summary>
    public const string TokenStamps = "tokenstamps";

    /// <summary>Erasure jobs, which are also the tombstones of erased users: partition = tenant, row = user id.</summary>
    public const string Erasures = "erasures";

    /// <summary>Who follows whom: partition = tenant:follower, row = followed host.</summary>
    public const string Follows = "follows";

    /// <summary>Stream processor checkpoints: partition = namespace:hub:group, row = Event Hubs partition id.</summary>
    public const string Checkpoints = "checkpoints";

    /// <summary>Stream processor partition ownership (load balancing across instances), keyed like checkpoints.</summary>
    public const string Ownership = "ownership";

    /// <summary>Events that could not be processed, with the reason: partition = hub:group:partition, row = sequence number.</summary>
    public const string DeadLetters = "deadletters";

    /// <summary>Ad campaigns: partition = tenant, row = campaign id, with the status as a plain column (the delivery state is in Cosmos DB).</summary>
    public const string Campaigns = "campaigns";

    /// <summary>Each tenant's gift catalog: partition = tenant, row = gift id.</summary>
    public const string Gifts = "gifts";

    /// <summary>
    /// Coin wallets: partition = tenant:user, holding the wallet row, one row per credit reference and per gift sent (idempotency),
    /// and the statement rows (newest first); a debit and its rows are one entity-group transaction.
    /// </summary>
    public const string Wallets = "wallets";

    /// <summary>Gifts debited but not yet known to be on the stream: partition = minute bucket, row = tenant:user:event id.</summary>
    public const string GiftOutbox = "giftoutbox";

    /// <summary>Token buckets shared by every instance (per-user and per-tenant limits): partition = limit name, row = subject.</summary>
    public const string RateLimits = "ratelimits";

    /// <summary>Webhook subscriptions: partition = tenant, row = subscription id.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>The webhook delivery log: partition = tenant:subscription, row = delivery id (the webhook-id).</summary>
    public const string WebhookDeliveries = "webhookdeliveries";

    /// <summary>Pending webhook deliveries and when each is due: partition = tenant:subscription, row = delivery id.</summary>
    public const string WebhookDue = "webhookdue";

    /// <summary>Webhook events recorded before the write that causes them: partition = minute bucket, row = tenant:event id.</summary>
    public const string WebhookOutbox = "webhookoutbox";

    /// <summary>How far each room's log has been turned into webhook events: partition = tenant, row = room id, column Seq.</summary>
    public const string WebhookCursors = "webhookcursors";

    /// <summary>First answers of creating POSTs by Idempotency-Key: partition = hash of the credential, row = hash of route and key.</summary>
    public const string Idempotency = "idempotency";

    /// <summary>Usage counters: partition = tenant, row = day:instance (each instance writes its own row; readers add them up).</summary>
    public const string Usage = "usage";
}
