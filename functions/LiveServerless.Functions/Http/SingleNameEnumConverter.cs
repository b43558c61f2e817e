using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Enums as <see cref="JsonStringEnumConverter"/> writes and reads them (camelCase, or the member's
/// <see cref="JsonStringEnumMemberNameAttribute"/>; no integers), refusing what it accepts that the API does not: anything but one
/// name. It reads every enum as flags, so <c>"like, share"</c> would become a value no member has, and it trims spaces. A refusal is
/// a bare <see cref="JsonException"/>, which <see cref="JsonProblems"/> turns into "must be one of: …" for the field's enum.
/// </summary>
public sealed class SingleNameEnumConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Names = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => Names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), Names.CreateConverter(typeToConvert, options))!;

    private sealed class Converter<TEnum>(JsonConverter<TEnum> names) : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && !IsOneName(reader.GetString()!)
                ? throw new JsonException()
                : names.Read(ref reader, typeToConvert, options);

        private static bool IsOneName(string value) =>
            !value.Contains(',', StringComparison.Ordinal) && value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => names.Write(writer, value, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);
    }
}
