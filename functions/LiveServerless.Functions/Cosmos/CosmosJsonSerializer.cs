using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LiveServerless.Functions.Cosmos;

/// <summary>Cosmos documents are written with the same System.Text.Json dialect as table documents (camelCase, string enums).</summary>
public sealed class CosmosJsonSerializer(JsonSerializerOptions options) : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        using (stream)
        {
            if (typeof(Stream).IsAssignableFrom(typeof(T)))
            {
                return (T)(object)stream;
            }

            return JsonSerializer.Deserialize<T>(stream, options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, options);
        stream.Position = 0;
        return stream;
    }
}
