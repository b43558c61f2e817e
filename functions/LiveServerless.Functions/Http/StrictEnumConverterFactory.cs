using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Http;

/// <summary>Enums travel as camelCase names. Numbers and unknown names are refused with a message that lists the allowed values.</summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(NameOf, v => v, StringComparer.OrdinalIgnoreCase);

        private static readonly string Allowed = string.Join(", ", ByName.Keys);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value))
            {
                return value;
            }

            throw new JsonFieldException($"must be one of: {Allowed}");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        /// <summary>The [JsonStringEnumMemberName] if the member has one (e.g. "ad_click"), else the camelCase name.</summary>
        private static string NameOf(TEnum value) =>
            typeof(TEnum).GetField(value.ToString())?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
                .OfType<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
            ?? JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}

/// <summary>A JSON value was well-formed but not acceptable; the message is written for API clients.</summary>
public sealed class JsonFieldException(string message) : JsonException(message);
