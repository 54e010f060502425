@description('Name of the user-assigned identity the Function App runs as.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id, for AzureWebJobsStorage__clientId and DefaultAzureCredential.')
output clientId string = identity.properties.clientId

@description('Principal id, for role assignments.')
output principalId string = identity.properties.principalId
