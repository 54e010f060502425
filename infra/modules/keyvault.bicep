@description('Key Vault name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object = {}

@description('Principal id of the app identity, granted Key Vault Secrets User on this vault only.')
param principalId string

@description('SendGrid API key, stored as the secret sendgrid-api-key.')
@secure()
param sendGridApiKey string

@description('Key that signs unsubscribe links (32+ characters), stored as the secret unsubscribe-secret.')
@secure()
param unsubscribeSecret string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

resource unsubscribe 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'unsubscribe-secret'
  properties: {
    value: unsubscribeSecret
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

@description('Versionless URI of the SendGrid key secret, for a Key Vault reference.')
output sendGridSecretUri string = sendGrid.properties.secretUri

@description('Versionless URI of the unsubscribe secret, for a Key Vault reference.')
output unsubscribeSecretUri string = unsubscribe.properties.secretUri
