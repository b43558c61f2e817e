metadata description = '''The function app (.NET 10 isolated worker on Linux) and its plan: Elastic Premium with always-ready instances, or Flex Consumption with always-ready instances.
The Event Hubs processor runs as a hosted service inside the worker, not as a trigger, so the platform never sees work waiting for it:
the app must never scale to zero, hence at least one always-ready instance on either plan.
Host storage, deployment package and Key Vault references all use the user-assigned identity; no storage key exists.'''

import { diagnosticSettingsType } from 'types.bicep'

@description('Required. Name of the function app.')
param name string

@description('Required. Name of the plan.')
param planName string

@description('Optional. Location of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags of the plan and the app; the app also gets azd-service-name.')
param tags object = {}

@description('Optional. The azd service name, tagged on the app so that azd deploys to it.')
param serviceName string = 'api'

@description('Optional. ElasticPremium (pre-warmed, VNet-capable, billed per instance-hour) or FlexConsumption (per-execution billing plus always-ready baseline).')
@allowed([
  'ElasticPremium'
  'FlexConsumption'
])
param hostingPlan string = 'ElasticPremium'

@description('Optional. Elastic Premium instance size: EP1 (1 vCPU, 3.5 GB), EP2 (2 vCPU, 7 GB), EP3 (4 vCPU, 14 GB). Ignored on Flex Consumption.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Optional. Instances that are always running: the Event Hubs processor is a hosted service, so at least one.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstanceCount int = 1

@description('Optional. Upper bound of the scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Optional. Memory of a Flex Consumption instance in MB. Ignored on Elastic Premium.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

@description('Optional. Path the platform probes on each instance (Elastic Premium only: Flex Consumption is not documented to support the platform health check, so the site there carries no healthCheckPath).')
param healthCheckPath string = '/api/health/live'

@description('Required. Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. Name of the storage account for host storage and the deployment package.')
param storageAccountName string

@description('Required. Private blob container that holds the deployment package.')
param packageContainerName string

@description('Optional. Blob name of the package the app runs from on Elastic Premium (WEBSITE_RUN_FROM_PACKAGE).')
param packageBlobName string = 'api.zip'

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. The app\'s own settings (name to value); the host\'s settings are added here.')
param appSettings object

@description('Optional. Browser origins allowed to call the HTTP API (CORS); none when empty.')
param allowedOrigins string[] = []

@description('Optional. Whether the public endpoint accepts traffic.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Optional. Where to send resource logs and metrics; none when omitted.')
param diagnosticSettings diagnosticSettingsType?

var isFlex = hostingPlan == 'FlexConsumption'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var hostSettings = {
  // Identity-based host storage: no AzureWebJobsStorage connection string.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Flex Consumption takes runtime and deployment from functionAppConfig and rejects these settings.
// Elastic Premium without an Azure Files content share (it would need a storage key) must run from a package URL, read with the identity.
var elasticPremiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${storage.properties.primaryEndpoints.blob}${packageContainerName}/${packageBlobName}'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityResourceId
    }

// The scale-out bound can never be below the always-ready count (the platform refuses that): the larger of the two wins.
var effectiveMaximumInstanceCount = max(maximumInstanceCount, alwaysReadyInstanceCount)

// siteConfig is built per plan. Flex Consumption rejects ftpsState, linuxFxVersion, minimumElasticInstanceCount and
// functionAppScaleLimit even when they are null, so they exist only in the Elastic Premium part. (Flex has no FTP endpoint at all.)
var commonSiteConfig = {
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  http20Enabled: true
  cors: {
    allowedOrigins: allowedOrigins
    supportCredentials: false
  }
}

var elasticPremiumSiteConfig = {
  linuxFxVersion: 'DOTNET-ISOLATED|10.0'
  minimumElasticInstanceCount: alwaysReadyInstanceCount
  functionAppScaleLimit: effectiveMaximumInstanceCount
  ftpsState: 'Disabled'
  // The platform pings this path on every instance and replaces one that keeps failing. Liveness, not readiness: a shared
  // dependency being down must not make the platform recycle every healthy instance. Flex Consumption is not documented to support it;
  // there the availability test (monitoring) watches readiness.
  healthCheckPath: healthCheckPath
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: elasticPremiumSku
        tier: 'ElasticPremium'
        capacity: alwaysReadyInstanceCount
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : effectiveMaximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  // Built per plan: Flex Consumption rejects `reserved` on the site (its plan carries it) and takes runtime, scale and package
  // from functionAppConfig; Elastic Premium on Linux needs `reserved`.
  properties: union(
    {
      serverFarmId: plan.id
      httpsOnly: true
      clientCertEnabled: false
      publicNetworkAccess: publicNetworkAccess
      keyVaultReferenceIdentity: identityResourceId
      siteConfig: isFlex ? commonSiteConfig : union(commonSiteConfig, elasticPremiumSiteConfig)
    },
    isFlex
      ? {
          functionAppConfig: {
            deployment: {
              storage: {
                type: 'blobContainer'
                value: '${storage.properties.primaryEndpoints.blob}${packageContainerName}'
                authentication: {
                  type: 'UserAssignedIdentity'
                  userAssignedIdentityResourceId: identityResourceId
                }
              }
            }
            scaleAndConcurrency: {
              instanceMemoryMB: flexInstanceMemoryMB
              maximumInstanceCount: effectiveMaximumInstanceCount
              // HTTP functions form one scale group; keeping it always ready keeps a worker, and so the processor, running.
              alwaysReady: [
                {
                  name: 'http'
                  instanceCount: alwaysReadyInstanceCount
                }
              ]
            }
            runtime: {
              name: 'dotnet-isolated'
              version: '10.0'
            }
          }
        }
      : {
          reserved: true
        }
  )
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, hostSettings, elasticPremiumSettings)
}

// Deployments authenticate with Entra ID (azd, az CLI); no FTP or basic-auth publishing credentials.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettings != null) {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: diagnosticSettings.?workspaceResourceId
    logs: [
      { category: 'FunctionAppLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

@description('The name of the function app.')
output name string = site.name

@description('The resource id of the function app.')
output resourceId string = site.id

@description('The default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('The name of the plan.')
output planName string = plan.name

@description('The resource id of the plan.')
output planResourceId string = plan.id
