using System.Diagnostics.Metrics;
using LiveServerless.Functions.Streaming;
using LiveServerless.Infra.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// Alerts, the action group, the availability test and the workbook: each exists, watches the right resource and the right
/// signal, and notifies the action group. docs/runbook.md has a section for every alert.
/// </summary>
[Collection(InfraTemplates.Name)]
public sealed class OperationsTests(InfraFixture infra)
{
    public static TheoryData<string, string, string> MetricAlerts => new()
    {
        { "Event Hubs throttled requests", "Microsoft.EventHub/namespaces", "ThrottledRequests" },
        { "Cosmos DB throttled requests (429)", "Microsoft.DocumentDB/databaseAccounts", "TotalRequests" },
        { "SignalR connection quota above 80%", "Microsoft.SignalRService/signalR", "ConnectionQuotaUtilization" },
        { "SignalR message quota above 80%", "Microsoft.SignalRService/signalR", "MessageCount" },
    };

    public static TheoryData<string, string> LogAlerts => new()
    {
        { "Stream processor lag above threshold", "liveserverless.stream.lag" },
        { "Stream processor made no progress for 5 minutes", "liveserverless.stream.events" },
        { "Dead letter written", "liveserverless.stream.dead_letters" },
        { "HTTP 5xx rate above threshold", "requests" },
    };

    private static PredictedResource ActionGroup(PredictedDeployment deployment) => deployment.Only("Microsoft.Insights/actionGroups");

    [Fact]
    public void ActionGroup_MailsTheConfiguredAddress_AndNobodyWhenNoneIsSet()
    {
        var receivers = ActionGroup(infra.Limits).Properties.ArrayAt("emailReceivers");
        Assert.Equal(InfraFixture.AlertEmail, Assert.Single(receivers).StringAt("emailAddress"));
        Assert.Empty(ActionGroup(infra.Defaults).Properties.ArrayAt("emailReceivers"));
        Assert.True(infra.Template.Parameters.ContainsKey("alertEmail"));
    }

    [Theory]
    [MemberData(nameof(MetricAlerts))]
    public void MetricAlert_WatchesTheRightResource_AndNotifiesTheActionGroup(string name, string resourceType, string metric)
    {
        var deployment = infra.Defaults;
        var alert = deployment.OfType("Microsoft.Insights/metricAlerts").Single(a => a.Name == name);
        var target = deployment.Only(resourceType);

        Assert.Equal([target.Id], alert.Properties.ArrayAt("scopes").Select(s => s.GetString()));
        var criterion = Assert.Single(alert.Properties.ArrayAt("criteria.allOf"));
        Assert.Equal(metric, criterion.StringAt("metricName"));
        Assert.Equal(true, alert.Properties.BoolAt("enabled"));
        Assert.Equal(ActionGroup(deployment).Id, Assert.Single(alert.Properties.ArrayAt("actions")).StringAt("actionGroupId"));
    }

    [Fact]
    public void CosmosAlert_CountsOnlyThrottledRequests_AndSignalrAlertsFireAbove80Percent()
    {
        var alerts = infra.Limits.OfType("Microsoft.Insights/metricAlerts").ToDictionary(a => a.Name);
        var cosmos = Assert.Single(alerts["Cosmos DB throttled requests (429)"].Properties.ArrayAt("criteria.allOf"));
        var statusCode = Assert.Single(cosmos.ArrayAt("dimensions"));
        Assert.Equal("StatusCode", statusCode.StringAt("name"));
        Assert.Equal(["429"], statusCode.ArrayAt("values").Select(v => v.GetString()));

        var connections = Assert.Single(alerts["SignalR connection quota above 80%"].Properties.ArrayAt("criteria.allOf"));
        Assert.Equal(80, connections.IntAt("threshold"));

        // 20 Standard units allow 20 million messages a day; 80 % of that.
        var messages = Assert.Single(alerts["SignalR message quota above 80%"].Properties.ArrayAt("criteria.allOf"));
        Assert.Equal(16_000_000, messages.IntAt("threshold"));
        Assert.Equal("PT24H", alerts["SignalR message quota above 80%"].Properties.StringAt("windowSize"));
    }

    [Theory]
    [MemberData(nameof(LogAlerts))]
    public void LogAlert_QueriesApplicationInsights_AndNotifiesTheActionGroup(string name, string signal)
    {
        var deployment = infra.Defaults;
        var alert = deployment.OfType("Microsoft.Insights/scheduledQueryRules").Single(a => a.Name == name);
        var applicationInsights = deployment.Only("Microsoft.Insights/components");

        Assert.Equal([applicationInsights.Id], alert.Properties.ArrayAt("scopes").Select(s => s.GetString()));
        var query = Assert.Single(alert.Properties.ArrayAt("criteria.allOf")).StringAt("query") ?? "";
        Assert.Contains(signal, query, StringComparison.Ordinal);
        Assert.Equal("PT5M", alert.Properties.StringAt("windowSize"));
        Assert.Equal([ActionGroup(deployment).Id], alert.Properties.ArrayAt("actions.actionGroups").Select(g => g.GetString()));
    }

    [Fact]
    public void LogAlerts_NameMetersTheAppActuallyPublishes()
    {
        var published = PublishedStreamMeters();
        var queries = infra.Defaults.OfType("Microsoft.Insights/scheduledQueryRules")
            .Select(a => Assert.Single(a.Properties.ArrayAt("criteria.allOf")).StringAt("query") ?? "");
        var named = queries.SelectMany(q => System.Text.RegularExpressions.Regex.Matches(q, @"liveserverless\.[a-z_.]+").Select(m => m.Value)).Distinct();
        Assert.All(named, meter => Assert.Contains(meter, published));
    }

    [Theory]
    [InlineData("defaults")]
    [InlineData("alternatives")]
    public void AvailabilityTest_RequestsReadinessOfTheFunctionApp_AndAlertsWhenItFails(string scenario)
    {
        var deployment = scenario == "defaults" ? infra.Defaults : infra.Alternatives;
        var test = deployment.Only("Microsoft.Insights/webtests");
        var applicationInsights = deployment.Only("Microsoft.Insights/components");

        var url = test.Properties.StringAt("Request.RequestUrl") ?? "";
        Assert.Contains(deployment.FunctionApp.Id, PredictedDeployment.ReferencedResourceIds(url));
        Assert.Contains("/api/health/ready", url, StringComparison.Ordinal);
        Assert.Equal(200, test.Properties.IntAt("ValidationRules.ExpectedHttpStatusCode"));
        // The tag name holds dots (a resource id), so it is looked up whole rather than as a path.
        var tags = test.Json.GetProperty("tags").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Resource", tags.GetValueOrDefault($"hidden-link:{applicationInsights.Id}"));

        var alert = deployment.OfType("Microsoft.Insights/metricAlerts").Single(a => a.Name == "Availability test failing");
        Assert.Equal(test.Id, alert.Properties.StringAt("criteria.webTestId"));
        Assert.Equal(applicationInsights.Id, alert.Properties.StringAt("criteria.componentId"));
        Assert.Equal(ActionGroup(deployment).Id, Assert.Single(alert.Properties.ArrayAt("actions")).StringAt("actionGroupId"));
    }

    [Fact]
    public void Workbook_ShowsTheSignalsTheAlertsWatch()
    {
        var deployment = infra.Defaults;
        var workbook = deployment.Only("Microsoft.Insights/workbooks");
        Assert.Equal(deployment.Only("Microsoft.Insights/components").Id, workbook.Properties.StringAt("sourceId"));

        var content = workbook.Properties.StringAt("serializedData") ?? "";
        string[] signals =
        [
            "liveserverless.stream.events", "liveserverless.stream.lag", "liveserverless.stream.dead_letters", "liveserverless.realtime.pushes",
            "resultCode", "TotalRequests", "ThrottledRequests", "ConnectionQuotaUtilization", "MessageCount", "availabilityResults",
        ];
        Assert.All(signals, signal => Assert.Contains(signal, content, StringComparison.Ordinal));
        Assert.Contains(deployment.Only("Microsoft.DocumentDB/databaseAccounts").Id, content, StringComparison.Ordinal);
        Assert.Contains(deployment.Only("Microsoft.EventHub/namespaces").Id, content, StringComparison.Ordinal);
        Assert.Contains(deployment.Only("Microsoft.SignalRService/signalR").Id, content, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_HasASectionForEveryAlert()
    {
        var runbook = File.ReadAllText(RepositoryFiles.Combine("docs", "runbook.md"));
        var names = infra.Defaults.OfType("Microsoft.Insights/metricAlerts").Concat(infra.Defaults.OfType("Microsoft.Insights/scheduledQueryRules"))
            .Select(a => a.Properties.StringAt("description") ?? "");
        foreach (var description in names)
        {
            var anchor = System.Text.RegularExpressions.Regex.Match(description, @"docs/runbook\.md#(?<anchor>[a-z0-9-]+)");
            Assert.True(anchor.Success, $"alert description '{description}' must link its runbook section");
            var headings = runbook.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(Anchor);
            Assert.Contains(anchor.Groups["anchor"].Value, headings);
        }
    }

    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    private static string Anchor(string heading) =>
        new([.. heading[4..].Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-').Select(c => c == ' ' ? '-' : c)]);

    private static HashSet<string> PublishedStreamMeters()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == LiveServerless.Functions.Telemetry.MeterName)
            {
                names.Add(instrument.Name);
            }
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _ = new StreamMetrics(services.GetRequiredService<IMeterFactory>());
        return names;
    }
}
