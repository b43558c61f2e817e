using System.Text;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Ads;

/// <summary>The key that signs impression tokens (Ads:ImpressionTokenKey), as the bytes the domain's HMAC takes.</summary>
public sealed class ImpressionTokenKey(IOptions<AdsOptions> options)
{
    private readonly Lazy<byte[]> _bytes = new(() => Encoding.UTF8.GetBytes(options.Value.ImpressionTokenKey));

    public byte[] Bytes => _bytes.Value;
}
