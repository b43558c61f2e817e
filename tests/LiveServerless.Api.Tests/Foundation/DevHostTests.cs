using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>What DevHost serves besides the functions: the demo web client and the official SignalR browser client it uses.</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostTests(DevHostFixture fixture)
{
    [Theory]
    [InlineData("/demo/", "text/html")]
    [InlineData("/demo/demo.js", "text/javascript")]
    [InlineData("/demo/lib/signalr.min.js", "text/javascript")]
    public async Task TheDemoClient_IsServed(string path, string mediaType)
    {
        using var response = await fixture.Http.GetAsync(path);

        response.EnsureStatus(200);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
