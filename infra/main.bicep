metadata description = 'LiveServerless: the function app and every Azure service it uses, wired with one user-assigned identity and least-privilege RBAC. azd-compatible (azure.yaml at the repository root).'

targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------------------

@description('Required. Name of the environment (e.g. dev, prod); it seeds the unique resource token and the resource group name.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Required. Azure region of every resource.')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional. Resource group name; rg-<environmentName> when empty.')
param resourceGroupName string = ''

@description('Optional. Extra tags for every resource.')
param tags object = {}

@description('Optional. Object id of the operator running the deployment (azd sets AZURE_PRINCIPAL_ID). It may upload the Elastic Premium deployment package; nothing else.')
param principalId string = ''

@description('Optional. Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Optional. Whether the data services and the app accept traffic on their public endpoints. Disabled needs private endpoints and VNet integration, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Optional. Browser origins of the web clients, comma-separated, e.g. "https://live.example.com,https://studio.example.com". Used for the HTTP API\'s CORS and SignalR\'s CORS; empty = no browser origin may call the API, and SignalR accepts any origin. A string, not an array: azd reads main.parameters.json as JSON before it substitutes variables, so the file can only hold it quoted.')
param allowedWebOrigins string = ''

@description('Optional. E-mail address that receives the alerts (docs/runbook.md); empty = the alerts fire into an action group with no receiver.')
param alertEmail string = ''

@description('Optional. Processor lag, in events behind the newest on a partition, above which the lag alert fires.')
@minValue(1)
param alertProcessorLagThreshold int = 10000

@description('Optional. Percentage of HTTP requests answered 5xx over 5 minutes above which the error-rate alert fires.')
@minValue(1)
@maxValue(100)
param alert5xxPercentThreshold int = 5

@description('Optional. Cosmos DB requests throttled (429) over 5 minutes above which the throttling alert fires.')
@minValue(1)
param alertCosmosThrottledThreshold int = 50

// ---------------------------------------------------------------------------------------------------------------------
// Function app hosting (the main cost driver)
// ---------------------------------------------------------------------------------------------------------------------

@description('Optional. ElasticPremium (default) or FlexConsumption. Either way at least one instance is always ready, because the Event Hubs processor runs as a hosted service and the app must never scale to zero.')
@allowed([
  'ElasticPremium'
  'FlexConsumption'
])
param hostingPlan string = 'ElasticPremium'

@description('Optional. Elastic Premium instance size (EP1, EP2, EP3).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Optional. Always-ready instances (Elastic Premium minimum instances, Flex Consumption always-ready for the HTTP group). At least 1.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstanceCount int = 1

@description('Optional. Elastic Premium: maximum instances the plan bursts to (the region may cap it lower).')
@minValue(1)
@maxValue(100)
param elasticPremiumMaximumBurst int = 10

@description('Optional. Flex Consumption: maximum instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int = 40

@description('Optional. Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

// ---------------------------------------------------------------------------------------------------------------------
// Data services
// ---------------------------------------------------------------------------------------------------------------------

@description('Optional. Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Optional. Event Hubs tier (Standard at least: the processor has its own consumer group).')
@allowed([
  'Standard'
  'Premium'
])
param eventHubsSku string = 'Standard'

@description('Optional. Event Hubs throughput units when eventHubsSku is Standard (1-40).')
@minValue(1)
@maxValue(40)
param eventHubsCapacity int = 1

@description('Optional. Event Hubs processing units when eventHubsSku is Premium: the service accepts 1, 2, 4, 8 or 16.')
@allowed([
  1
  2
  4
  8
  16
])
param eventHubsProcessingUnits int = 1

@description('Optional. Partitions of the interactions hub: the most instances that process in parallel. Cannot be lowered later.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Optional. Hours the interactions hub keeps events (replay window after an outage).')
@minValue(1)
@maxValue(168)
param eventHubRetentionHours int = 24

@description('Optional. Cosmos DB capacity: Serverless (pay per request) or Autoscale (database-level throughput shared by the containers).')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosCapacityMode string = 'Serverless'

@description('Optional. Autoscale maximum RU/s of the database when cosmosCapacityMode is Autoscale; it scales between 10% and 100% of this.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Optional. Name of the Cosmos DB database.')
param cosmosDatabaseName string = 'liveserverless'

@description('Optional. SignalR tier.')
@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
param signalRSku string = 'Standard_S1'

@description('Optional. SignalR units (1000 concurrent connections each on Standard): 1-10, then 20, 30 ... 100, the values the service accepts. Free_F1 always gets 1.')
@allowed([
  1
  2
  3
  4
  5
  6
  7
  8
  9
  10
  20
  30
  40
  50
  60
  70
  80
  90
  100
])
param signalRCapacity int = 1

@description('Optional. Name of the SignalR hub the app and the web clients use.')
param signalRHubName string = 'live'

@description('Optional. Forbid purging the Key Vault before its retention ends. Recommended in production; cannot be turned off again.')
param keyVaultEnablePurgeProtection bool = false

@description('Optional. Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional. Daily log ingestion cap in GB (-1 = none).')
param logDailyQuotaGb int = -1

// ---------------------------------------------------------------------------------------------------------------------
// Web pages (web/: the live-room app and the partner console)
// ---------------------------------------------------------------------------------------------------------------------

@description('Optional. Region of the Static Web App that serves web/. Static Web Apps exist in centralus, eastus2, eastasia, westeurope and westus2 only (the pages are served globally either way); empty = location when it is one of those, else westeurope.')
param staticWebAppLocation string = ''

@description('Optional. Static Web App plan: Free (no SLA) or Standard (SLA, custom authentication, more custom domains).')
@allowed([
  'Free'
  'Standard'
])
param staticWebAppSku string = 'Free'

// ---------------------------------------------------------------------------------------------------------------------
// App configuration and secrets
// ---------------------------------------------------------------------------------------------------------------------

@description('Optional. Issuer of user tokens.')
param userTokenIssuer string = 'liveserverless'

@description('Optional. A tenant\'s ingest quota: interaction events per second, all its users together, held across every instance.')
@minValue(1)
param tenantEventsPerSecond int = 1000

@description('Optional. Default lifetime of a user token in minutes.')
@minValue(1)
param userTokenLifetimeMinutes int = 15

@description('Optional. Longest lifetime a partner may ask for, in minutes.')
@minValue(1)
param userTokenMaxLifetimeMinutes int = 60

// Secrets have no default: a default would live in the template, and newGuid() would rotate them on every deployment.
// azd generates each once (metadata below) and keeps it in .azure/<env>/config.json; with az, pass your own (docs/deploy.md).

@description('Required. Bootstrap admin API key (X-Api-Key) that creates tenants and partner keys. Stored in Key Vault only.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param adminApiKey string

@description('Required. HS256 key that signs user tokens (at least 32 bytes). Stored in Key Vault only.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
param userTokenSigningKey string

@description('Required. HS256 key that signs ad impression tokens (at least 32 bytes). Stored in Key Vault only.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
param adsImpressionTokenKey string

// ---------------------------------------------------------------------------------------------------------------------
// Names and fixed choices
// ---------------------------------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName })

// Names are known before the deployment starts (never taken from module outputs), so that what-if predicts every resource.
var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  identity: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  eventHubs: '${abbrs.eventHubNamespaces}${resourceToken}'
  cosmos: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  signalR: '${abbrs.signalRServiceSignalR}-${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  functionApp: '${abbrs.webSitesFunctions}api-${resourceToken}'
  actionGroup: '${abbrs.insightsActionGroups}${resourceToken}'
  availabilityTest: '${abbrs.insightsWebTests}health-${resourceToken}'
  workbook: guid(subscription().id, environmentName, 'operations-workbook')
  staticWebApp: '${abbrs.webStaticSites}${resourceToken}'
}

var eventHubName = 'interactions'
var webOrigins = map(filter(split(allowedWebOrigins, ','), origin => !empty(trim(origin))), origin => trim(origin))
var staticWebAppRegions = [
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
]
var webLocation = !empty(staticWebAppLocation) ? staticWebAppLocation : (contains(staticWebAppRegions, location) ? location : 'westeurope')
var eventHubConsumerGroupName = 'processor'
var packageContainerName = 'app-package'
// Every deployed package is kept here, named <UTC time>_<version>.zip: infra/scripts/release.sh deploys and rolls back from it.
var releasesContainerName = 'releases'
var packageBlobName = 'api.zip'

// Cosmos containers the app uses, with their partition keys. Adding a container is one line here.
var cosmosContainers = [
  { name: 'profiles', partitionKeyPath: '/userId' }
  { name: 'recommendations', partitionKeyPath: '/userId' }
  { name: 'roomStats', partitionKeyPath: '/roomId' }
  { name: 'campaignDelivery', partitionKeyPath: '/campaignId' }
  { name: 'adLedgers', partitionKeyPath: '/userId' }
  { name: 'coEngagement', partitionKeyPath: '/hostUserId' }
  { name: 'seenEvents', partitionKeyPath: '/userId' }
]

// Azure Tables the app uses. The app also creates them at startup (idempotent); declaring them keeps the storage layout in one place.
var tableNames = [
  'tenants'
  'apikeys'
  'users'
  'rooms'
  'chat'
  'moderationlog'
  'presence'
  'follows'
  'tokenstamps'
  'erasures'
  'checkpoints'
  'ownership'
  'deadletters'
  'campaigns'
  'gifts'
  'wallets'
  'giftoutbox'
  'ratelimits'
  'webhooks'
  'webhookdeliveries'
  'webhookdue'
  'webhookoutbox'
  'webhookcursors'
  'idempotency'
  'usage'
]

var keyVaultSecretNames = {
  adminApiKey: 'admin-api-key'
  userTokenSigningKey: 'user-token-signing-key'
  adsImpressionTokenKey: 'ads-impression-token-key'
  signalRConnectionString: 'signalr-connection-string'
}

// Built-in Azure role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  eventHubsDataSender: '2b629674-e913-4c01-ae53-ef4638d8f975'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  signalRRestApiOwner: 'fd53cd77-2268-407a-8f46-7e7863d0f521'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: allTags
}

module identity 'modules/managed-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
    roleAssignments: [
      // Telemetry is sent with an Entra ID token (local auth is off on the component).
      { principalId: identity.outputs.principalId, roleDefinitionId: roles.monitoringMetricsPublisher }
    ]
  }
}

// Built from the workspace name so that it is known before the deployment starts; modules that use it depend on monitoring.
var diagnostics = {
  workspaceResourceId: resourceId(subscription().subscriptionId, names.resourceGroup, 'Microsoft.OperationalInsights/workspaces', names.logAnalytics)
}

module storage 'modules/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSku
    publicNetworkAccess: publicNetworkAccess
    containerNames: [
      packageContainerName
      releasesContainerName
    ]
    tableNames: tableNames
    roleAssignments: concat(
      [
        // Identity-based AzureWebJobsStorage: the host's blobs (keys, leases, the package) and queues.
        { principalId: identity.outputs.principalId, roleDefinitionId: roles.storageBlobDataOwner }
        { principalId: identity.outputs.principalId, roleDefinitionId: roles.storageQueueDataContributor }
        // The host's tables and the app's own tables (Tables__ServiceUri).
        { principalId: identity.outputs.principalId, roleDefinitionId: roles.storageTableDataContributor }
      ],
      empty(principalId)
        ? []
        : [
            // Lets the operator (or the pipeline's identity) keep releases and upload the Elastic Premium package (infra/scripts/release.sh).
            { principalId: principalId, roleDefinitionId: roles.storageBlobDataContributor, principalType: principalType }
          ]
    )
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
  ]
}

module eventHubs 'modules/event-hubs.bicep' = {
  name: 'eventHubs'
  scope: rg
  params: {
    name: names.eventHubs
    location: location
    tags: allTags
    skuName: eventHubsSku
    capacity: eventHubsSku == 'Premium' ? eventHubsProcessingUnits : eventHubsCapacity
    publicNetworkAccess: publicNetworkAccess
    eventHubName: eventHubName
    partitionCount: eventHubPartitionCount
    retentionHours: eventHubRetentionHours
    consumerGroupNames: [
      eventHubConsumerGroupName
    ]
    roleAssignments: [
      // The HTTP functions publish interactions; the hosted processor consumes them.
      { principalId: identity.outputs.principalId, roleDefinitionId: roles.eventHubsDataSender }
      { principalId: identity.outputs.principalId, roleDefinitionId: roles.eventHubsDataReceiver }
    ]
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
  ]
}

module cosmos 'modules/cosmos-db.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: names.cosmos
    location: location
    tags: allTags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    publicNetworkAccess: publicNetworkAccess
    databaseName: cosmosDatabaseName
    containers: cosmosContainers
    dataContributorPrincipalIds: [
      identity.outputs.principalId
    ]
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
  ]
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    publicNetworkAccess: publicNetworkAccess
    roleAssignments: [
      // Key Vault references in the app settings are resolved with this identity (keyVaultReferenceIdentity).
      { principalId: identity.outputs.principalId, roleDefinitionId: roles.keyVaultSecretsUser }
    ]
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
  ]
}

module adminApiKeySecret 'modules/key-vault-secret.bicep' = {
  name: 'adminApiKeySecret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: keyVaultSecretNames.adminApiKey
    value: adminApiKey
  }
  dependsOn: [
    keyVault
  ]
}

module userTokenSigningKeySecret 'modules/key-vault-secret.bicep' = {
  name: 'userTokenSigningKeySecret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: keyVaultSecretNames.userTokenSigningKey
    value: userTokenSigningKey
  }
  dependsOn: [
    keyVault
  ]
}

module adsImpressionTokenKeySecret 'modules/key-vault-secret.bicep' = {
  name: 'adsImpressionTokenKeySecret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: keyVaultSecretNames.adsImpressionTokenKey
    value: adsImpressionTokenKey
  }
  dependsOn: [
    keyVault
  ]
}

module staticWebApp 'modules/static-web-app.bicep' = {
  name: 'staticWebApp'
  scope: rg
  params: {
    name: names.staticWebApp
    location: webLocation
    tags: allTags
    serviceName: 'web'
    skuName: staticWebAppSku
  }
}

// The Static Web App's pages call the API (and connect to SignalR) from the browser: its origin is always allowed, beside the
// operator's own web origins. Its host name is generated by Azure, so it is known only once the site exists.
var staticWebAppOrigin = 'https://${staticWebApp.outputs.defaultHostname}'

module signalR 'modules/signalr.bicep' = {
  name: 'signalR'
  scope: rg
  params: {
    name: names.signalR
    location: location
    tags: allTags
    skuName: signalRSku
    capacity: signalRSku == 'Free_F1' ? 1 : signalRCapacity
    allowedOrigins: empty(webOrigins) ? ['*'] : concat(webOrigins, [staticWebAppOrigin])
    publicNetworkAccess: publicNetworkAccess
    keyVaultName: names.keyVault
    connectionStringSecretName: keyVaultSecretNames.signalRConnectionString
    roleAssignments: [
      // The app authenticates to SignalR with the access key today (it signs the JWTs itself, docs/architecture.md).
      // The REST API role is granted already so that moving to Entra ID tokens, and then disabling local auth, is an app-only change.
      { principalId: identity.outputs.principalId, roleDefinitionId: roles.signalRRestApiOwner }
    ]
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
    keyVault
  ]
}

// The app's settings, named exactly as the app binds them (Section__Property). tests/LiveServerless.Infra.Tests holds this list
// to the options classes in functions/LiveServerless.Functions/Configuration: nothing missing, nothing extra, nothing local-only.
var appSettings = {
  ManagedIdentity__ClientId: identity.outputs.clientId
  Admin__ApiKey: keyVaultReference(adminApiKeySecret.outputs.uri)
  UserTokens__SigningKey: keyVaultReference(userTokenSigningKeySecret.outputs.uri)
  UserTokens__Issuer: userTokenIssuer
  UserTokens__LifetimeMinutes: string(userTokenLifetimeMinutes)
  UserTokens__MaxLifetimeMinutes: string(userTokenMaxLifetimeMinutes)
  Tables__ServiceUri: storage.outputs.tableEndpoint
  Cosmos__AccountEndpoint: cosmos.outputs.endpoint
  Cosmos__DatabaseName: cosmos.outputs.databaseName
  EventHubs__FullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
  EventHubs__HubName: eventHubs.outputs.eventHubName
  EventHubs__ConsumerGroup: eventHubConsumerGroupName
  Presence__WatchCreditSeconds: '60'
  RoomEvents__BatchWindowMilliseconds: '100'
  Ads__ClickDwellSeconds: '1'
  SignalR__ConnectionString: keyVaultReference(signalR.outputs.keyVaultReferenceUri)
  SignalR__HubName: signalRHubName
  Ads__ImpressionTokenKey: keyVaultReference(adsImpressionTokenKeySecret.outputs.uri)
  Limits__TenantEventsPerSecond: string(tenantEventsPerSecond)
  Limits__LikesPerMinute: '1200'
  Limits__SharesPerMinute: '10'
  Limits__AdDecisionsPerMinute: '30'
  Limits__PartnerRequestsPerMinute: '6000'
  Limits__WebhookDeliveriesPerMinute: '600'
  // SSRF guard: in Azure webhooks go to public https targets only.
  Webhooks__AllowHttpTargets: 'false'
  Webhooks__AllowPrivateTargets: 'false'
  Webhooks__FirstRetryDelay: '00:00:05'
}

module functionApp 'modules/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    serviceName: 'api'
    hostingPlan: hostingPlan
    elasticPremiumSku: elasticPremiumSku
    alwaysReadyInstanceCount: alwaysReadyInstanceCount
    maximumInstanceCount: hostingPlan == 'FlexConsumption' ? flexMaximumInstanceCount : elasticPremiumMaximumBurst
    flexInstanceMemoryMB: flexInstanceMemoryMB
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    packageContainerName: packageContainerName
    packageBlobName: packageBlobName
    applicationInsightsName: names.applicationInsights
    appSettings: appSettings
    allowedOrigins: concat(webOrigins, [staticWebAppOrigin])
    publicNetworkAccess: publicNetworkAccess
    diagnosticSettings: diagnostics
  }
  dependsOn: [
    monitoring
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: names.actionGroup
    availabilityTestName: names.availabilityTest
    workbookName: names.workbook
    location: location
    tags: allTags
    alertEmail: alertEmail
    applicationInsightsName: names.applicationInsights
    eventHubsNamespaceName: names.eventHubs
    cosmosAccountName: names.cosmos
    signalRName: names.signalR
    signalRSku: signalRSku
    signalRUnits: signalRSku == 'Free_F1' ? 1 : signalRCapacity
    readinessUrl: 'https://${functionApp.outputs.defaultHostName}/api/health/ready'
    processorLagThreshold: alertProcessorLagThreshold
    http5xxPercentThreshold: alert5xxPercentThreshold
    cosmosThrottledThreshold: alertCosmosThrottledThreshold
  }
  dependsOn: [
    monitoring
  ]
}

// A Key Vault reference by versionless secret URI, resolved with keyVaultReferenceIdentity: the app follows a rotation on restart (or within a day).
func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

// ---------------------------------------------------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env). Names and endpoints only: no key, secret or connection string.
// ---------------------------------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTIONS_HOSTING_PLAN string = hostingPlan
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTIONS_PACKAGE_CONTAINER string = packageContainerName
output AZURE_FUNCTIONS_PACKAGE_BLOB string = packageBlobName
output AZURE_FUNCTIONS_RELEASES_CONTAINER string = releasesContainerName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_EVENTHUBS_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output AZURE_SIGNALR_HOST_NAME string = signalR.outputs.hostName
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = staticWebApp.outputs.name
output SERVICE_WEB_NAME string = staticWebApp.outputs.name
output SERVICE_WEB_URI string = staticWebAppOrigin
