using System.Text.Json;
using System.Text.Json.Serialization;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Binds <see cref="Optional{T}"/> for partial updates: the converter only runs when the field is present in the JSON,
/// so an absent field stays unset while an explicit null becomes "set to null".
/// </summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        /// <summary>
        /// The nested deserialisation reports paths relative to this field; rethrowing without a path (and without the nested
        /// exception, which would read as a reader error) lets the serializer attach the field's own path, so the client sees
        /// "role" rather than "$", explained by <see cref="JsonProblems"/> from the field's type.
        /// </summary>
        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return new(true, JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException)
            {
                throw new JsonException();
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
