metadata description = 'Azure SignalR Service in Serverless mode: web clients connect to it directly with tokens minted by the app, the app sends through its REST API. The access-key connection string is exported to Key Vault, never to an output.'

import { roleAssignmentType, diagnosticSettingsType } from 'types.bicep'

@description('Required. Name of the SignalR resource.')
param name string

@description('Optional. Location of the SignalR resource.')
param location string = resourceGroup().location

@description('Optional. Tags of the SignalR resource.')
param tags object = {}

@description('Optional. Tier: Free_F1 (20 connections, no SLA, dev only), Standard_S1 (1000 connections per unit), Premium_P1 (adds autoscale and zone redundancy).')
@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
param skuName string = 'Standard_S1'

@description('Optional. Units; 1 for Free_F1, 1-100 otherwise.')
@minValue(1)
@maxValue(100)
param capacity int = 1

@description('Optional. Origins allowed to open client connections from a browser; [\'*\'] allows any.')
param allowedOrigins string[] = [
  '*'
]

@description('Optional. Whether the public endpoint accepts traffic. Web clients connect to it directly, so Disabled only fits clients inside a private network.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Required. Name of the existing Key Vault (same resource group) that receives the access-key connection string.')
param keyVaultName string

@description('Required. Name of the Key Vault secret that receives the primary connection string.')
param connectionStringSecretName string

@description('Optional. Role assignments on the SignalR resource.')
param roleAssignments roleAssignmentType[] = []

@description('Optional. Where to send resource logs and metrics; none when omitted.')
param diagnosticSettings diagnosticSettingsType?

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: skuName
    capacity: capacity
  }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'True' }
      { flag: 'EnableMessagingLogs', value: 'False' }
    ]
    cors: {
      allowedOrigins: allowedOrigins
    }
    tls: {
      clientCertEnabled: false
    }
    publicNetworkAccess: publicNetworkAccess
    // The app signs client and server tokens with the access key (no SignalR SDK for Entra ID tokens is available to it), so local auth stays on.
    disableLocalAuth: false
    disableAadAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    value: signalR.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

resource signalRRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(signalR.id, assignment.principalId, assignment.roleDefinitionId)
    scope: signalR
    properties: {
      principalId: assignment.principalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalType: assignment.?principalType ?? 'ServicePrincipal'
    }
  }
]

resource signalRDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettings != null) {
  name: 'to-log-analytics'
  scope: signalR
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

@description('The name of the SignalR resource.')
output name string = signalR.name

@description('The resource id of the SignalR resource.')
output resourceId string = signalR.id

@description('The public host name clients connect to.')
output hostName string = signalR.properties.hostName

@description('The versionless URI of the Key Vault secret that holds the connection string (its address, not its value), for a Key Vault reference.')
output keyVaultReferenceUri string = connectionStringSecret.properties.secretUri
