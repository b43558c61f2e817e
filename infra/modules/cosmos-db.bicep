metadata description = 'Cosmos DB for NoSQL: account, one database and its containers. Keys are off (disableLocalAuth): the app connects with its managed identity through a data-plane SQL role assignment. Data-plane RBAC cannot create databases or containers, so they live here.'

import { diagnosticSettingsType } from 'types.bicep'

@export()
@description('A container and its partition key.')
type containerType = {
  @description('Required. Container name.')
  name: string

  @description('Required. Partition key path, e.g. /userId.')
  partitionKeyPath: string
}

@description('Required. Name of the account (3-44 lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(44)
param name string

@description('Optional. Location of the account (its single write region).')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

@description('Optional. Serverless bills per request (cheap when idle, 5000 RU/s burst per partition); Autoscale provisions throughput shared by all containers between 10% and 100% of autoscaleMaxThroughput.')
@allowed([
  'Serverless'
  'Autoscale'
])
param capacityMode string = 'Serverless'

@description('Optional. Autoscale maximum RU/s of the database (shared by its containers). Ignored when serverless.')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Optional. Spread the write region across availability zones (not available in every region; not with serverless in every region).')
param zoneRedundant bool = false

@description('Optional. Whether the public endpoint accepts traffic. Disabled requires private endpoints and VNet integration, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Required. Name of the SQL database.')
param databaseName string

@description('Required. Containers of the database.')
param containers containerType[]

@description('Optional. Principal ids that get the built-in Cosmos DB Built-in Data Contributor SQL role (data plane, read/write items) on the account.')
param dataContributorPrincipalIds string[] = []

@description('Optional. Where to send resource logs and metrics; none when omitted.')
param diagnosticSettings diagnosticSettingsType?

// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributorRoleDefinitionId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: zoneRedundant
      }
    ]
    capabilities: capacityMode == 'Serverless' ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: publicNetworkAccess
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'Autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

resource dataContributorAssignments 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in dataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleDefinitionId)
    properties: {
      principalId: principalId
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'
      scope: account.id
    }
  }
]

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettings != null) {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: diagnosticSettings.?workspaceResourceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      { categoryGroup: 'allLogs', enabled: true }
    ]
    metrics: [
      { category: 'Requests', enabled: true }
    ]
  }
}

@description('The name of the account.')
output name string = account.name

@description('The resource id of the account.')
output resourceId string = account.id

@description('The account endpoint, e.g. https://<name>.documents.azure.com:443/.')
output endpoint string = account.properties.documentEndpoint

@description('The name of the database.')
output databaseName string = database.name
