using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The claims-based security node. Clients put a token (SAS or JWT) here before attaching to an entity; the emulator accepts
/// any token and answers like the service does, 202 Accepted (the AMQP library's CBS client accepts 200 and 202).
/// </summary>
internal sealed class CbsNode(ILogger<CbsNode> logger) : RequestResponseNode(logger)
{
    protected override AmqpMessage Handle(AmqpMessage request)
    {
        var operation = ApplicationProperty(request, "operation");
        if (operation != "put-token")
        {
            return Response(400, $"The $cbs node does not support operation '{operation}'.");
        }

        // The token itself is a credential (a SAS signature or a bearer token), so only its type and audience are logged.
        Log.TokenAccepted(logger, ApplicationProperty(request, "type"), ApplicationProperty(request, "name"));
        return Response(202, "Accepted");
    }
}
