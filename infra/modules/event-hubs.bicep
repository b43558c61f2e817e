metadata description = 'Event Hubs namespace with one event hub and its consumer groups. Local (SAS) authentication is off: producers and processors connect with Entra ID.'

import { roleAssignmentType, diagnosticSettingsType } from 'types.bicep'

@description('Required. Name of the namespace (6-50 characters).')
@minLength(6)
@maxLength(50)
param name string

@description('Optional. Location of the namespace.')
param location string = resourceGroup().location

@description('Optional. Tags of the namespace.')
param tags object = {}

@description('Optional. Namespace tier. Basic allows only the $Default consumer group, so Standard is the minimum for a dedicated processor group.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Optional. Throughput units (Standard) or processing units (Premium).')
@minValue(1)
@maxValue(40)
param capacity int = 1

@description('Optional. Let Standard namespaces add throughput units under load, up to maximumThroughputUnits.')
param autoInflateEnabled bool = false

@description('Optional. Upper bound for auto-inflate.')
@minValue(0)
@maxValue(40)
param maximumThroughputUnits int = 0

@description('Optional. Whether the public endpoint accepts traffic. Disabled requires private endpoints and VNet integration, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Required. Name of the event hub.')
param eventHubName string

@description('Optional. Partition count of the event hub; it bounds how many instances process in parallel and cannot be lowered later (Standard).')
@minValue(1)
@maxValue(32)
param partitionCount int = 4

@description('Optional. Hours events are retained.')
@minValue(1)
@maxValue(168)
param retentionHours int = 24

@description('Optional. Consumer groups to create on the event hub, besides $Default.')
param consumerGroupNames string[] = []

@description('Optional. Role assignments on the event hub (not the namespace: least privilege).')
param roleAssignments roleAssignmentType[] = []

@description('Optional. Where to send resource logs and metrics; none when omitted.')
param diagnosticSettings diagnosticSettingsType?

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: capacity
  }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: true
    publicNetworkAccess: publicNetworkAccess
    isAutoInflateEnabled: skuName == 'Standard' && autoInflateEnabled
    maximumThroughputUnits: skuName == 'Standard' && autoInflateEnabled ? maximumThroughputUnits : 0
  }
}

resource eventHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    retentionDescription: {
      cleanupPolicy: 'Delete'
      retentionTimeInHours: retentionHours
    }
  }
}

resource consumerGroups 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = [
  for consumerGroupName in consumerGroupNames: {
    parent: eventHub
    name: consumerGroupName
  }
]

resource eventHubRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(eventHub.id, assignment.principalId, assignment.roleDefinitionId)
    scope: eventHub
    properties: {
      principalId: assignment.principalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalType: assignment.?principalType ?? 'ServicePrincipal'
    }
  }
]

resource namespaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettings != null) {
  name: 'to-log-analytics'
  scope: namespace
  properties: {
    workspaceId: diagnosticSettings.?workspaceResourceId
    logs: [
      { categoryGroup: 'allLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

@description('The name of the namespace.')
output name string = namespace.name

@description('The resource id of the namespace.')
output resourceId string = namespace.id

@description('The fully qualified namespace, e.g. <name>.servicebus.windows.net, for identity-based clients (taken from the service endpoint, so it is right in every cloud).')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('The name of the event hub.')
output eventHubName string = eventHub.name
