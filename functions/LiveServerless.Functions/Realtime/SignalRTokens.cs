using System.Text;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// Mints the two kinds of SignalR Service tokens (serverless mode, no SignalR SDK needed): a client access token whose audience
/// is the hub's client URL and whose <c>nameid</c> is the user, and a short server token per REST request whose audience is the
/// request URL. Both are HS256 over the access key's UTF-8 bytes, as the service expects.
/// </summary>
public sealed class SignalRTokens(IOptions<SignalROptions> options, TimeProvider time)
{
    public static readonly TimeSpan ClientTokenLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan ServerTokenLifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new();

    private readonly SignalROptions _options = options.Value;

    private readonly Lazy<(SignalRConnectionString Connection, SigningCredentials Credentials)> _service = new(() =>
    {
        var connection = SignalRConnectionString.Parse(options.Value.ConnectionString);
        return (connection, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(connection.AccessKey)), SecurityAlgorithms.HmacSha256));
    });

    public SignalRConnectionString Connection => _service.Value.Connection;

    public string HubName => _options.HubName.ToLowerInvariant();

    /// <summary>The URL a web client connects to (with the port, if any).</summary>
    public string ClientUrl => $"{Connection.ServiceUri.GetLeftPart(UriPartial.Authority)}/client/?hub={HubName}";

    /// <summary>A client access token that never outlives <paramref name="notAfter"/> (the user token it was negotiated with).</summary>
    public (string Url, string AccessToken) ForClient(string signalRUserId, DateTimeOffset notAfter)
    {
        var audience = $"{Connection.AudienceBase}/client/?hub={HubName}";
        var remaining = notAfter - time.GetUtcNow();
        return (ClientUrl, Mint(audience, remaining < ClientTokenLifetime ? remaining : ClientTokenLifetime, signalRUserId));
    }

    /// <summary>A token for one REST request: the audience is the request URL without its query.</summary>
    public string ForServer(Uri requestUri) => Mint(requestUri.GetLeftPart(UriPartial.Path), ServerTokenLifetime, userId: null);

    private string Mint(string audience, TimeSpan lifetime, string? userId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _service.Value.Credentials,
        };
        if (userId is not null)
        {
            descriptor.Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.NameId] = userId };
        }

        return Handler.CreateToken(descriptor);
    }
}
