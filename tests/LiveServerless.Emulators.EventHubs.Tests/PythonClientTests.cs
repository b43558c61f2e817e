using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Messaging.EventHubs.Consumer;
using LiveServerless.Emulators.EventHubs.Tests.Clients;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>
/// The official Python SDK (azure-eventhub 5.11, Debian's python3-azure; a third AMQP stack, pure Python) against the emulator.
/// That version speaks AMQP over TLS only and always on port 5671, so here the emulator serves TLS on 5671 with a certificate
/// made for the test, which the script trusts.
/// </summary>
public sealed class PythonClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string EventHubName = "interactions";
    private const int ServicePort = 5671;

    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(120));
    private readonly string _certificateFile = Path.Combine(Path.GetTempPath(), $"eventhubs-emulator-{Guid.NewGuid():N}.pem");
    private EventHubsEmulator? _emulator;

    public async Task InitializeAsync()
    {
        using var certificate = SelfSignedLocalhostCertificate();
        await File.WriteAllTextAsync(_certificateFile, certificate.ExportCertificatePem());
        _emulator = await EventHubsEmulator.StartAsync(
            new EventHubsEmulatorOptions
            {
                Port = ServicePort,
                EventHubs = new Dictionary<string, int> { [EventHubName] = 4 },
                TlsCertificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null),
            },
            new TestOutputLoggerFactory(output),
            _deadline.Token);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.StopAsync(_deadline.Token);
        }

        File.Delete(_certificateFile);
        _deadline.Dispose();
    }

    [Fact]
    public async Task PythonSdk_SendsWithPartitionKeysAndPartitions_ReadsFromEarliestAndFromASequenceNumber_AndSeesTheHub()
    {
        var sent = await RunAsync("send", new
        {
            batches = new object[]
            {
                new { partitionKey = "alice", bodies = new[] { "a1", "a2", "a3" } },
                new { partitionId = "2", bodies = new[] { "p1", "p2" } },
            },
        });
        Assert.Equal(5, sent.GetProperty("sent").GetInt32());

        var alicePartition = PartitionKeyHash.PartitionIndexFor("alice", 4).ToString(CultureInfo.InvariantCulture);
        var fromEarliest = await RunAsync("read", new { partitionId = alicePartition, count = 3 });
        var fromSequenceNumberOne = await RunAsync("read", new { partitionId = alicePartition, count = 2, sequenceNumber = 1 });
        var partitionTwo = await RunAsync("read", new { partitionId = "2", count = 2 });
        var properties = await RunAsync("properties", new { });

        Assert.Equal(["a1", "a2", "a3"], Bodies(fromEarliest));
        Assert.All(fromEarliest.GetProperty("events").EnumerateArray(), e => Assert.Equal("alice", e.GetProperty("partitionKey").GetString()));
        Assert.Equal(["a2", "a3"], Bodies(fromSequenceNumberOne));
        Assert.Equal(["p1", "p2"], Bodies(partitionTwo));
        Assert.Equal(EventHubName, properties.GetProperty("name").GetString());
        Assert.Equal(4, properties.GetProperty("partitionIds").GetArrayLength());
    }

    [Fact]
    public async Task PythonSdk_EventsItSent_AreReadByTheDotNetSdkOverTls()
    {
        await RunAsync("send", new { batches = new object[] { new { partitionId = "1", bodies = new[] { "from-python" } } } });

        // The .NET SDK takes the port from the endpoint and trusts the test's certificate through the callback.
        await using var consumer = new EventHubConsumerClient(
            EventHubConsumerClient.DefaultConsumerGroupName, Emulator.ConnectionString, EventHubName,
            new EventHubConsumerClientOptions { ConnectionOptions = new() { CertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=localhost" } });
        await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync("1", EventPosition.Earliest, _deadline.Token))
        {
            Assert.Equal("from-python", partitionEvent.Data.EventBody.ToString());
            Assert.Equal("python", partitionEvent.Data.Properties["sender"]);
            break;
        }
    }

    [Fact]
    public async Task PythonSdk_WithTheWrongKey_IsRefused()
    {
        var wrongKey = Emulator.ConnectionString.Replace("SharedAccessKey=SAS_KEY_VALUE", "SharedAccessKey=not-the-key", StringComparison.Ordinal);

        var outcome = await ClientScripts.RunPythonAsync(wrongKey, EventHubName, _certificateFile, "properties", new { }, _deadline.Token);

        Assert.Contains("InvalidSignature", outcome.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private EventHubsEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    private Task<JsonElement> RunAsync(string command, object arguments) =>
        ClientScripts.RunPythonAsync(Emulator.ConnectionString, EventHubName, _certificateFile, command, arguments, _deadline.Token);

    private static IEnumerable<string?> Bodies(JsonElement read) =>
        read.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("body").GetString());

    private static X509Certificate2 SelfSignedLocalhostCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }
}
