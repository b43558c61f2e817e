using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Tenants;

/// <summary>A partner API key as stored: the secret itself is never kept, only its hash.</summary>
public sealed record PartnerKey(
    string Id,
    string TenantId,
    string? Name,
    IReadOnlyList<PartnerScope> Scopes,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public const int MaxNameLength = 100;

    public bool IsRevoked => RevokedAt is not null;

    public bool Allows(PartnerScope scope) => Scopes.Contains(scope);

    /// <summary>Issues a new key for a tenant; the returned credential is the only time the secret exists in clear.</summary>
    public static (PartnerKey Key, ApiKeyCredential Credential) Issue(string tenantId, string? name, IReadOnlyList<PartnerScope>? scopes, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.When(scopes is null || scopes.Count == 0, "scopes", "at least one scope is required");
        Text.Optional(errors, "name", name, MaxNameLength);
        errors.ThrowIfAny();

        var credential = ApiKeyCredential.Generate(tenantId, Ids.New());
        var key = new PartnerKey(credential.KeyId, tenantId, name?.Trim(), scopes!.Distinct().Order().ToArray(), credential.Hash(), now, RevokedAt: null);
        return (key, credential);
    }

    public PartnerKey Revoke(DateTimeOffset now) => IsRevoked ? this : this with { RevokedAt = now };

    /// <summary>True when the presented credential is this key's, compared in constant time.</summary>
    public bool Matches(ApiKeyCredential credential) =>
        credential.KeyId == Id && credential.TenantId == TenantId && credential.HashEquals(SecretHash);
}
