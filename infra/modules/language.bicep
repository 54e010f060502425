@description('Name and custom subdomain of the Azure AI Language account.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object = {}

@description('Pricing tier: F0 (free, one per subscription) or S.')
@allowed(['F0', 'S'])
param sku string = 'S'

@description('Principal id of the app identity, granted Cognitive Services User on this account only.')
param principalId string

var cognitiveServicesUser = 'a97b65f3-24c7-4388-baec-2e87135dc908'

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: sku
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource user 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(language.id, principalId, cognitiveServicesUser)
  scope: language
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesUser)
  }
}

@description('Endpoint of the account (its custom subdomain).')
output endpoint string = language.properties.endpoint
