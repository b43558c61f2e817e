using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LiveServerless.Functions.Http;

/// <summary>Reads JSON request bodies with one size limit and one dialect for every route.</summary>
public static class RequestBody
{
    /// <summary>No API body legitimately comes near this; a batch of 500 interactions is about 60 KiB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Reads a required JSON body.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadOptionalJsonAsync<T>(request, cancellationToken);
        return body ?? throw ProblemException.BadRequest("A JSON request body is required.");
    }

    /// <summary>Reads a JSON body that may be absent; an empty body yields null.</summary>
    public static async Task<T?> ReadOptionalJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadLimitedAsync(request, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw ProblemException.UnsupportedMediaType(request.ContentType);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options)
                ?? throw ProblemException.BadRequest("The body must be a JSON object, not null.");
        }
        catch (JsonException exception)
        {
            throw JsonProblems.From(exception, typeof(T));
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw ProblemException.PayloadTooLarge(MaxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw ProblemException.PayloadTooLarge(MaxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
