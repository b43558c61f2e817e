using System.Text.Json;
using Azure.Messaging.EventHubs;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Streaming;

/// <summary>The wire format of the stream: one JSON-encoded <see cref="Interaction"/> per event, partition key = tenant:user.</summary>
public static class InteractionJson
{
    public const string ContentType = "application/json";

    public static string PartitionKey(Interaction interaction) => $"{interaction.TenantId}:{interaction.UserId}";

    public static EventData Encode(Interaction interaction) =>
        new(JsonSerializer.SerializeToUtf8Bytes(interaction, StorageJson.Options))
        {
            ContentType = ContentType,
            MessageId = interaction.Id,
            Properties = { ["type"] = interaction.Type.ToString(), ["tenantId"] = interaction.TenantId },
        };

    /// <summary>The interaction an event carries; throws <see cref="PoisonEventException"/> when it cannot be one.</summary>
    public static StreamedInteraction Decode(EventData eventData, string partitionId)
    {
        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(eventData.EventBody.ToMemory().Span, StorageJson.Options);
        }
        catch (JsonException exception)
        {
            throw new PoisonEventException($"The body is not an interaction: {exception.Message}");
        }

        if (interaction is null || string.IsNullOrEmpty(interaction.Id) || string.IsNullOrEmpty(interaction.TenantId) ||
            string.IsNullOrEmpty(interaction.UserId) || string.IsNullOrEmpty(interaction.RoomId))
        {
            throw new PoisonEventException("The interaction lacks its id, tenant, user or room.");
        }

        return new StreamedInteraction(interaction, partitionId, eventData.SequenceNumber);
    }
}

/// <summary>An event that can never be processed, whatever the retries; it goes to the dead-letter table.</summary>
public sealed class PoisonEventException(string message) : Exception(message);
