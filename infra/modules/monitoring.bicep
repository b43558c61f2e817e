metadata description = 'Log Analytics workspace and a workspace-based Application Insights component that accepts Entra ID-authenticated telemetry only.'

import { roleAssignmentType } from 'types.bicep'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Location of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags of both resources.')
param tags object = {}

@description('Optional. Days the workspace keeps logs (30 is included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional. Daily ingestion cap in GB; -1 means no cap. A cap protects dev environments from a runaway log volume.')
param dailyQuotaGb int = -1

@description('Optional. Role assignments on the Application Insights component (Monitoring Metrics Publisher for identities that send telemetry).')
param roleAssignments roleAssignmentType[] = []

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry must be sent with an Entra ID token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING); the instrumentation key alone is not enough.
    DisableLocalAuth: true
  }
}

resource applicationInsightsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(applicationInsights.id, assignment.principalId, assignment.roleDefinitionId)
    scope: applicationInsights
    properties: {
      principalId: assignment.principalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalType: assignment.?principalType ?? 'ServicePrincipal'
    }
  }
]

@description('The name of the Application Insights component.')
output name string = applicationInsights.name

@description('The resource id of the Application Insights component.')
output resourceId string = applicationInsights.id

@description('The resource id of the Log Analytics workspace.')
output workspaceResourceId string = workspace.id

@description('The name of the Log Analytics workspace.')
output workspaceName string = workspace.name
