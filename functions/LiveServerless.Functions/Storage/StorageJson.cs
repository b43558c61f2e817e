using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Storage;

/// <summary>How domain objects are stored as JSON inside table entities: tolerant on read, so older rows stay readable.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
