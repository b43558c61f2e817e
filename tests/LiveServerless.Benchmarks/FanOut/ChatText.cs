using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// The text of a benchmark chat message: 200 ASCII characters (200 bytes) that carry the phase it belongs to and the
/// generator's monotonic timestamp taken just before the send, so every receiver can measure send→receive latency.
/// </summary>
public static class ChatText
{
    public const int Length = 200;

    public static string Create(char phase, long sentTimestamp)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{phase}|{sentTimestamp}|");
        return head.PadRight(Length, '.');
    }

    public static bool TryRead(string? text, out char phase, out long sentTimestamp)
    {
        phase = default;
        sentTimestamp = 0;
        if (text is null || text.Length < 4 || text[1] != '|')
        {
            return false;
        }

        var end = text.IndexOf('|', 2);
        phase = text[0];
        return end > 2 && long.TryParse(text.AsSpan(2, end - 2), NumberStyles.None, CultureInfo.InvariantCulture, out sentTimestamp);
    }

    public static bool TryRead(ReadOnlySpan<byte> text, out char phase, out long sentTimestamp)
    {
        phase = default;
        sentTimestamp = 0;
        if (text.Length < 4 || text[1] != (byte)'|')
        {
            return false;
        }

        var end = text[2..].IndexOf((byte)'|');
        phase = (char)text[0];
        return end > 0 && Utf8Parser.TryParse(text.Slice(2, end), out sentTimestamp, out var consumed) && consumed == end;
    }

    /// <summary>A JSON request body with its length (the peers' WSGI server does not read chunked bodies; every target gets the same).</summary>
    public static ByteArrayContent JsonBody(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
