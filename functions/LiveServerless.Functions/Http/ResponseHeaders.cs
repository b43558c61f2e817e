using LiveServerless.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace LiveServerless.Functions.Http;

/// <summary>Headers a function adds to its answer besides what its TypedResult writes.</summary>
public static class ResponseHeaders
{
    /// <summary>The version of the object answered, for a later If-Match (the stored ETag, quoted as HTTP wants it).</summary>
    public static void SetETag(this HttpResponse response, string? etag)
    {
        if (etag is not null)
        {
            response.Headers.ETag = ETags.ToHttp(etag);
        }
    }
}
