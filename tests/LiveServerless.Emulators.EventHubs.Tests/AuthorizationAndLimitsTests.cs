using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>What the service refuses, refused the way the service refuses it, as the .NET SDK sees it.</summary>
public sealed class AuthorizationAndLimitsTests(ITestOutputHelper output) : EmulatorTest(output)
{
    private static readonly SharedAccessSignature Signatures = new("RootManageSharedAccessKey", "SAS_KEY_VALUE", TimeProvider.System);

    [Theory]
    [InlineData("SharedAccessKey=SAS_KEY_VALUE", "SharedAccessKey=not-the-key")]
    [InlineData("SharedAccessKeyName=RootManageSharedAccessKey", "SharedAccessKeyName=SomeOtherPolicy")]
    public async Task SendAsync_TokenSignedWithAnotherKey_ThrowsUnauthorizedAccess(string configured, string presented)
    {
        var connectionString = Emulator.ConnectionString.Replace(configured, presented, StringComparison.Ordinal);
        await using var producer = new EventHubProducerClient(connectionString, EventHubName, new EventHubProducerClientOptions { RetryOptions = FastRetries });

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => producer.SendAsync([Event("x")], Deadline));
    }

    [Fact]
    public void Refusal_TokenSignedWithTheConfiguredKey_IsNone()
    {
        var token = SasToken($"sb://localhost/{EventHubName}", "SAS_KEY_VALUE", TimeSpan.FromMinutes(5));

        Assert.Null(Signatures.Refusal(token));
    }

    [Theory]
    [InlineData("not a token", "MalformedToken")]
    [InlineData("SharedAccessSignature sr=x&se=1", "MalformedToken")]
    public void Refusal_MalformedToken_SaysMalformed(string token, string expected) =>
        Assert.StartsWith(expected, Signatures.Refusal(token));

    [Fact]
    public void Refusal_ExpiredToken_SaysExpired()
    {
        var expired = SasToken("sb://localhost/interactions", "SAS_KEY_VALUE", TimeSpan.FromMinutes(-1));

        var refusal = Signatures.Refusal(expired);

        Assert.StartsWith("ExpiredToken", refusal);
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_ConsumerGroupNotConfigured_ThrowsResourceNotFound()
    {
        await using var consumer = new EventHubConsumerClient("nobody-configured-this", Emulator.ConnectionString, EventHubName, new EventHubConsumerClientOptions { RetryOptions = FastRetries });

        var exception = await Assert.ThrowsAsync<EventHubsException>(() => ReadAllAsync(consumer, "0", EventPosition.Earliest));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, exception.Reason);
    }

    [Fact]
    public async Task Publish_MessageOverTheLinksMaximumSize_IsRefusedWithMessageSizeExceeded()
    {
        // The SDKs check the size before sending, so only a client that ignores the link's limit reaches the emulator's check.
        var connection = await RawAmqpClient.ConnectAsync(Emulator.Port, Deadline);
        try
        {
            var session = connection.CreateSession(new AmqpSessionSettings());
            await session.OpenAsync(Deadline);
            var link = new SendingAmqpLink(session, new AmqpLinkSettings
            {
                Role = false,
                LinkName = "oversized",
                Source = new Source { Address = "oversized" },
                Target = new Target { Address = $"/{EventHubName}" },
                SettleType = SettleMode.SettleOnDispose,
            });
            await link.OpenAsync(Deadline);
            using var oversized = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>(new byte[(1024 * 1024) + 1]) });

            var outcome = await SendOrLinkErrorAsync(link, oversized);

            Assert.Equal("amqp:link:message-size-exceeded", outcome);
        }
        finally
        {
            connection.Abort();
        }
    }

    private async Task<string?> SendOrLinkErrorAsync(SendingAmqpLink link, AmqpMessage message)
    {
        try
        {
            var outcome = await link.SendMessageAsync(message, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary, Deadline);
            return outcome is Rejected rejected ? rejected.Error.Condition.Value : outcome.DescriptorName.Value;
        }
        catch (AmqpException refused)
        {
            return refused.Error.Condition.Value;
        }
        catch (OperationCanceledException detached) when (detached.InnerException is AmqpException refused)
        {
            // The link was detached with the error, as the service detaches it: "The received message (…) exceeds the limit …".
            return refused.Error.Condition.Value;
        }
    }

    private static string SasToken(string resource, string key, TimeSpan validFor)
    {
        var encodedResource = Uri.EscapeDataString(resource);
        var expiry = DateTimeOffset.UtcNow.Add(validFor).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes($"{encodedResource}\n{expiry}"));
        return $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(Convert.ToBase64String(signature))}&se={expiry}&skn=RootManageSharedAccessKey";
    }
}
