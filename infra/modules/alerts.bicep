metadata description = '''The operator's view of the platform: an action group (e-mail), one alert per signal that needs a person
(stream processor lag and stalls, dead letters, HTTP 5xx rate, Cosmos DB throttling, Event Hubs throttling, SignalR quotas,
the availability test), the availability test itself, and a workbook that shows the same signals. docs/runbook.md says what
each alert means and what to do.'''

@description('Required. Name of the action group.')
param actionGroupName string

@description('Required. Name of the standard availability test.')
param availabilityTestName string

@description('Required. Name (a GUID) of the workbook.')
param workbookName string

@description('Optional. Location of the availability test and the workbook (alerts and the action group are global).')
param location string = resourceGroup().location

@description('Optional. Tags of every resource.')
param tags object = {}

@description('Optional. E-mail address that receives every alert; none when empty.')
param alertEmail string = ''

@description('Required. Name of the Application Insights component the app sends its telemetry to.')
param applicationInsightsName string

@description('Required. Name of the Event Hubs namespace.')
param eventHubsNamespaceName string

@description('Required. Name of the Cosmos DB account.')
param cosmosAccountName string

@description('Required. Name of the SignalR resource.')
param signalRName string

@description('Optional. SignalR units, for the daily message quota (1,000,000 messages per unit and day; 20,000 on Free_F1).')
@minValue(1)
param signalRUnits int = 1

@description('Optional. SignalR tier, for the daily message quota.')
param signalRSku string = 'Standard_S1'

@description('Required. Readiness URL the availability test requests, e.g. https://<app>.azurewebsites.net/api/health/ready.')
param readinessUrl string

@description('Optional. Processor lag (events behind on a partition) above which the lag alert fires.')
@minValue(1)
param processorLagThreshold int = 10000

@description('Optional. Percentage of HTTP requests answered 5xx over 5 minutes above which the error-rate alert fires.')
@minValue(1)
@maxValue(100)
param http5xxPercentThreshold int = 5

@description('Optional. Throttled (429) Cosmos DB requests over 5 minutes above which the throttling alert fires.')
@minValue(1)
param cosmosThrottledThreshold int = 50

// Names of the app's own meters (functions/LiveServerless.Functions/Streaming/StreamMetrics.cs), as the Azure Monitor exporter
// writes them to Application Insights' customMetrics table.
var meters = {
  lag: 'liveserverless.stream.lag'
  events: 'liveserverless.stream.events'
  deadLetters: 'liveserverless.stream.dead_letters'
  pushes: 'liveserverless.realtime.pushes'
}

var signalRDailyMessageQuota = (signalRSku == 'Free_F1' ? 20000 : 1000000) * signalRUnits

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' existing = {
  name: signalRName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'liveops'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// Requests the readiness route from three regions every 5 minutes. Readiness, not liveness: it answers 503 when a dependency,
// or the stream processor, is not ready, which is exactly what an operator must hear about.
resource availabilityTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: availabilityTestName
  location: location
  // Application Insights lists a test only when this tag links it to the component.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: availabilityTestName
    Name: 'GET /api/health/ready'
    Description: 'The app and every dependency it needs are ready (docs/runbook.md).'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'emea-nl-ams-azr' }
      { Id: 'us-va-ash-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: {
      RequestUrl: readinessUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

var actions = [
  {
    actionGroupId: actionGroup.id
  }
]

resource availabilityAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'Availability test failing'
  location: 'global'
  tags: tags
  properties: {
    description: 'The readiness route failed from at least two test locations (docs/runbook.md#availability-test-failing).'
    severity: 1
    enabled: true
    scopes: [
      availabilityTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: availabilityTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    actions: actions
  }
}

resource eventHubsThrottledAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'Event Hubs throttled requests'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Hubs refused requests for lack of throughput units (docs/runbook.md#event-hubs-throttled-requests).'
    severity: 2
    enabled: true
    scopes: [
      eventHubsNamespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'throttled'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.EventHub/namespaces'
          metricName: 'ThrottledRequests'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: actions
  }
}

resource cosmosThrottledAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'Cosmos DB throttled requests (429)'
  location: 'global'
  tags: tags
  properties: {
    description: 'Cosmos DB answered 429 (request rate too large) more often than the threshold (docs/runbook.md#cosmos-db-throttled-requests-429).'
    severity: 2
    enabled: true
    scopes: [
      cosmosAccount.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'throttled'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.DocumentDB/databaseAccounts'
          metricName: 'TotalRequests'
          dimensions: [
            {
              name: 'StatusCode'
              operator: 'Include'
              values: [
                '429'
              ]
            }
          ]
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: cosmosThrottledThreshold
        }
      ]
    }
    actions: actions
  }
}

resource signalRConnectionQuotaAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'SignalR connection quota above 80%'
  location: 'global'
  tags: tags
  properties: {
    description: 'Concurrent SignalR connections passed 80% of what the units allow (docs/runbook.md#signalr-quota-above-80).'
    severity: 2
    enabled: true
    scopes: [
      signalR.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'connections'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.SignalRService/SignalR'
          metricName: 'ConnectionQuotaUtilization'
          timeAggregation: 'Maximum'
          operator: 'GreaterThan'
          threshold: 80
        }
      ]
    }
    actions: actions
  }
}

resource signalRMessageQuotaAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'SignalR message quota above 80%'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages over the last 24 hours passed 80% of the daily quota of the units (docs/runbook.md#signalr-quota-above-80).'
    severity: 2
    enabled: true
    scopes: [
      signalR.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT24H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'messages'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.SignalRService/SignalR'
          metricName: 'MessageCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: signalRDailyMessageQuota * 8 / 10
        }
      ]
    }
    actions: actions
  }
}

// The app's own signals live in Application Insights (customMetrics, requests): log search alerts over the component.
var logAlerts = [
  {
    name: 'Stream processor lag above threshold'
    description: 'A partition of the interactions hub is more than ${processorLagThreshold} events behind (docs/runbook.md#stream-processor-lag-above-threshold).'
    severity: 2
    query: 'customMetrics | where name == "${meters.lag}" | extend partition = tostring(customDimensions.partition) | summarize lag = max(value) by partition | where lag > ${processorLagThreshold}'
  }
  {
    name: 'Stream processor made no progress for 5 minutes'
    description: 'Events are waiting but no batch was processed, and so nothing checkpointed, for 5 minutes (docs/runbook.md#stream-processor-made-no-progress-for-5-minutes).'
    severity: 1
    query: 'customMetrics | where name in ("${meters.lag}", "${meters.events}") | summarize lag = maxif(value, name == "${meters.lag}"), processed = sumif(valueSum, name == "${meters.events}") | where lag > 0 and processed == 0'
  }
  {
    name: 'Dead letter written'
    description: 'The processor gave up on at least one event and wrote it to the deadletters table (docs/runbook.md#dead-letter-written).'
    severity: 2
    query: 'customMetrics | where name == "${meters.deadLetters}" | summarize deadLetters = sum(valueSum) | where deadLetters > 0'
  }
  {
    name: 'HTTP 5xx rate above threshold'
    description: 'More than ${http5xxPercentThreshold}% of HTTP requests were answered with a 5xx (docs/runbook.md#http-5xx-rate-above-threshold).'
    severity: 1
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 and failed * 100.0 / total > ${http5xxPercentThreshold}'
  }
]

resource logSearchAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: alert.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.name
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// The workbook shows the signals the alerts watch, in the runbook's order: stream, HTTP, Cosmos DB, Event Hubs, SignalR, availability.
var workbookContent = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'title'
      content: {
        json: '## LiveServerless operations\nThe signals behind every alert (docs/runbook.md).'
      }
    }
    logChart('stream-events', 'Events processed per second', 'customMetrics | where name == "${meters.events}" | summarize eventsPerSecond = sum(valueSum) / 60.0 by bin(timestamp, 1m) | render timechart')
    logChart('stream-lag', 'Processor lag per partition', 'customMetrics | where name == "${meters.lag}" | extend partition = tostring(customDimensions.partition) | summarize lag = max(value) by partition, bin(timestamp, 1m) | render timechart')
    logChart('dead-letters', 'Dead letters', 'customMetrics | where name == "${meters.deadLetters}" | summarize deadLetters = sum(valueSum) by bin(timestamp, 5m) | render columnchart')
    logChart('pushes', 'SignalR pushes per second', 'customMetrics | where name == "${meters.pushes}" | summarize pushesPerSecond = sum(valueSum) / 60.0 by bin(timestamp, 1m) | render timechart')
    logChart('http-5xx', 'HTTP 5xx rate (%)', 'requests | summarize failedPercent = 100.0 * countif(toint(resultCode) >= 500) / count() by bin(timestamp, 5m) | render timechart')
    metricChart('cosmos-429', 'Cosmos DB throttled requests (429)', cosmosAccount.id, 'Microsoft.DocumentDB/databaseAccounts', 'TotalRequests', 4)
    metricChart('event-hubs-throttled', 'Event Hubs throttled requests', eventHubsNamespace.id, 'Microsoft.EventHub/namespaces', 'ThrottledRequests', 1)
    metricChart('signalr-connections', 'SignalR connection quota utilization (%)', signalR.id, 'Microsoft.SignalRService/SignalR', 'ConnectionQuotaUtilization', 3)
    metricChart('signalr-messages', 'SignalR messages', signalR.id, 'Microsoft.SignalRService/SignalR', 'MessageCount', 1)
    logChart('availability', 'Availability test results', 'availabilityResults | summarize availabilityPercent = 100.0 * countif(success == 1) / count() by bin(timestamp, 5m), location | render timechart')
  ]
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: workbookName
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'LiveServerless operations'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbookContent)
  }
}

// A workbook query step over the Application Insights component.
func logChart(name string, title string, query string) object => {
  type: 3
  name: name
  content: {
    version: 'KqlItem/1.0'
    title: title
    query: query
    size: 0
    timeContext: {
      durationMs: 86400000
    }
    queryType: 0
    resourceType: 'microsoft.insights/components'
    visualization: 'timechart'
  }
}

// A workbook metrics step over one Azure resource. aggregation: 1 Total, 3 Maximum, 4 Count (the workbook schema's numbering).
func metricChart(name string, title string, resourceId string, namespace string, metric string, aggregation int) object => {
  type: 10
  name: name
  content: {
    chartId: name
    version: 'MetricsItem/2.0'
    size: 0
    chartType: 2
    resourceType: namespace
    metricScope: 0
    resourceIds: [
      resourceId
    ]
    timeContext: {
      durationMs: 86400000
    }
    metrics: [
      {
        namespace: namespace
        metric: '${namespace}--${metric}'
        aggregation: aggregation
      }
    ]
    title: title
  }
}

@description('The name of the action group.')
output name string = actionGroup.name

@description('The resource id of the action group.')
output resourceId string = actionGroup.id

@description('The resource id of the availability test.')
output availabilityTestResourceId string = availabilityTest.id

@description('The resource id of the workbook.')
output workbookResourceId string = workbook.id
