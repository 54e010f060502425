@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object = {}

@description('Queues the functions read and write; each also gets its -poison queue.')
param queueNames string[]

@description('Tables of NewsAlerts state (alerts, ledger, unsubscribes, feed state, de-duplication, watchlist feeds).')
param tableNames string[]

@description('Blob containers: article documents, the config file, the deployment package.')
param containerNames string[]

@description('Principal id of the app identity, granted blob, queue and table data roles on this account only.')
param principalId string

// Built-in role definition ids.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [for container in containerNames: {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [for queue in queueNames: {
  parent: queueService
  name: queue
}]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [for queue in queueNames: {
  parent: queueService
  name: '${queue}-poison'
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for table in tableNames: {
  parent: tableService
  name: table
}]

// Blob Data Owner (not Contributor): the Functions host needs it for its own blobs in AzureWebJobsStorage.
resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]: {
  name: guid(account.id, principalId, role)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

@description('Name of the account.')
output name string = account.name

@description('Blob service endpoint, for AzureWebJobsStorage__blobServiceUri.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint, for AzureWebJobsStorage__queueServiceUri.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint, for AzureWebJobsStorage__tableServiceUri.')
output tableEndpoint string = account.properties.primaryEndpoints.table
