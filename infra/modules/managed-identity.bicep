metadata description = 'A user-assigned managed identity: the one identity the function app uses for every data-plane connection and for Key Vault references.'

@description('Required. Name of the identity.')
param name string

@description('Optional. Location of the identity.')
param location string = resourceGroup().location

@description('Optional. Tags of the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource id of the identity.')
output resourceId string = identity.id

@description('The principal (object) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('The client id, for DefaultAzureCredential and identity-based connection settings.')
output clientId string = identity.properties.clientId
