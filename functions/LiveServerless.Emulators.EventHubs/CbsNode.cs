using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The claims-based security node. Clients put a token here before attaching to an entity. A SAS token signed with the configured
/// key is answered like the service answers it, 202 Accepted (the AMQP library's CBS client accepts 200 and 202); a wrong key, a
/// wrong key name, an expired or malformed token get 401 with the service's wording, which every SDK reports as unauthorized.
/// Azure AD tokens cannot be checked locally and are refused the same way.
/// </summary>
internal sealed class CbsNode(SharedAccessSignature signatures, ILogger<CbsNode> logger) : RequestResponseNode(logger)
{
    private const string SasTokenType = "servicebus.windows.net:sastoken";

    protected override AmqpMessage Handle(AmqpMessage request)
    {
        var operation = ApplicationProperty(request, "operation");
        if (operation != "put-token")
        {
            return Response(400, $"The $cbs node does not support operation '{operation}'.");
        }

        // The token itself is a credential (a SAS signature or a bearer token), so only its type and audience are logged.
        var type = ApplicationProperty(request, "type");
        var audience = ApplicationProperty(request, "name");
        // The Python SDK puts SAS tokens with type "jwt"; the service, like the emulator, goes by what the token is.
        var token = request.ValueBody?.Value as string;
        var refusal = type == SasTokenType || SharedAccessSignature.IsOne(token)
            ? signatures.Refusal(token)
            : $"InvalidToken: The emulator accepts SAS tokens only; an Azure AD token ('{type}') cannot be checked locally.";
        if (refusal is not null)
        {
            Log.TokenRefused(logger, type, audience, refusal);
            return Response(401, refusal);
        }

        Log.TokenAccepted(logger, type, audience);
        return Response(202, "Accepted");
    }
}
