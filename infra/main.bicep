// NewsAlerts in Azure: a Flex Consumption Function App over one storage account (queues, tables, blobs), running as
// a user-assigned identity with data-plane roles only; Azure AI Language and Key Vault reached with that identity;
// logs and metrics to Application Insights. No account keys and no secrets in app settings.
targetScope = 'resourceGroup'

@description('azd environment name; prefixes resource names.')
@minLength(1)
@maxLength(20)
param environmentName string

@description('Azure region of every resource (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('SendGrid API key, kept in Key Vault.')
@secure()
param sendGridApiKey string

@description('Key signing unsubscribe links, 32+ characters, kept in Key Vault. Keep it across deployments or old links stop working.')
@secure()
param unsubscribeSecret string

@description('Pricing tier of the Language account.')
@allowed(['F0', 'S'])
param languageSku string = 'S'

@description('CRON schedule (six fields) of the timer that queues due sources.')
param ingestSchedule string = '0 */5 * * * *'

@description('CRON schedule of the timer that queues due digests.')
param digestSchedule string = '0 */5 * * * *'

@description('CRON schedule of the poison-queue check.')
param poisonCheckSchedule string = '0 0 * * * *'

@description('CRON schedule of the sweep that queues again articles left unmatched longer than their lease.')
param sweepSchedule string = '0 */5 * * * *'

@description('Sender address of digest emails (verified in SendGrid).')
param fromAddress string = 'alerts@example.com'

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${environmentName}-${token}'
var deploymentContainer = 'deploymentpackage'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${environmentName}-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('st${replace(environmentName, '-', '')}${token}', 24)
    location: location
    tags: tags
    // Must match the queue settings below; a test checks both against functions.metadata.
    queueNames: ['sources', 'articles', 'digests', 'urgent-alerts']
    tableNames: ['newsalertsalerts', 'newsalertsledger', 'newsalertsunsubscribes', 'newsalertsfeedstate', 'newsalertsdedup', 'newsalertsfeeds', 'newsalertsunmatched']
    containerNames: ['articles', 'config', deploymentContainer]
    principalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${environmentName}-${token}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module language 'modules/language.bicep' = {
  name: 'language'
  params: {
    name: 'lang-${environmentName}-${token}'
    location: location
    tags: tags
    sku: languageSku
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: take('kv${replace(environmentName, '-', '')}${token}', 24)
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    sendGridApiKey: sendGridApiKey
    unsubscribeSecret: unsubscribeSecret
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    appSettings: {
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AZURE_CLIENT_ID: identity.outputs.clientId
      NewsAlerts__Storage: 'Azure'
      SourcesQueueName: 'sources'
      ArticlesQueueName: 'articles'
      DigestsQueueName: 'digests'
      UrgentQueueName: 'urgent-alerts'
      IngestSchedule: ingestSchedule
      DigestSchedule: digestSchedule
      PoisonCheckSchedule: poisonCheckSchedule
      SweepSchedule: sweepSchedule
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      NewsAlerts__Analysis__LanguageEndpoint: language.outputs.endpoint
      NewsAlerts__Analysis__Mode: 'Hybrid'
      NewsAlerts__Delivery__Provider: 'SendGrid'
      NewsAlerts__Delivery__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.sendGridSecretUri})'
      NewsAlerts__Unsubscribe__Secret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.unsubscribeSecretUri})'
      NewsAlerts__PublicBaseUrl: 'https://${functionAppName}.azurewebsites.net'
      NewsAlerts__FromAddress: fromAddress
    }
  }
}

@description('Function App name (azd deploys the functions service to it).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Storage account name: upload the config to its config container, and point `newsalerts poison` at it.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Language endpoint used by the analyzer.')
output AZURE_LANGUAGE_ENDPOINT string = language.outputs.endpoint
