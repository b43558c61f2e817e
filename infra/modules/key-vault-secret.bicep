metadata description = 'One secret in an existing Key Vault. The value comes in as a secure parameter and never leaves the deployment: the outputs carry only its name and URI.'

@description('Required. Name of the existing vault.')
param keyVaultName string

@description('Required. Name of the secret.')
param name string

@description('Required. Value of the secret.')
@secure()
param value string

@description('Optional. Content type shown to operators, e.g. text/plain.')
param contentType string = 'text/plain'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: name
  properties: {
    value: value
    contentType: contentType
  }
}

@description('The name of the secret.')
output name string = secret.name

@description('The resource id of the secret.')
output resourceId string = secret.id

@description('The versionless URI of the secret, for Key Vault references (the app picks up a new version on restart or within a day).')
output uri string = secret.properties.secretUri
