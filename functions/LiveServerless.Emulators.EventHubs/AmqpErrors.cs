using System.Globalization;
using Microsoft.Azure.Amqp;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The errors the emulator closes links with, worded like the service's where the SDK reads the words:
/// it maps <c>amqp:not-found</c> to ResourceNotFound only when the description says "The messaging entity … could not be found".
/// </summary>
internal static class AmqpErrors
{
    /// <summary>The SDK turns this condition into an ArgumentException.</summary>
    private const string ArgumentError = "com.microsoft:argument-error";

    public static AmqpException EntityNotFound(string entityPath) =>
        new(AmqpErrorCode.NotFound, $"The messaging entity '{entityPath}' could not be found. status-code: 404");

    public static AmqpException InvalidArgument(string description) => new(ArgumentError, description);

    public static AmqpException NotAllowed(string description) => new(AmqpErrorCode.NotAllowed, description);

    public static AmqpException ReceiverStolen(long newOwnerLevel, long? ownerLevel) =>
        new(AmqpErrorCode.Stolen,
            $"New receiver with higher epoch of '{newOwnerLevel}' is created hence current receiver with epoch '{Describe(ownerLevel)}' is getting disconnected.");

    public static AmqpException ReceiverRefused(long? ownerLevel, long highestOwnerLevel) =>
        new(AmqpErrorCode.Stolen,
            $"Receiver with a higher epoch '{highestOwnerLevel}' already exists. A new receiver with epoch '{Describe(ownerLevel)}' cannot be created.");

    private static string Describe(long? ownerLevel) => ownerLevel?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
