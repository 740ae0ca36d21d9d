// The storage account: the app's tables and work queues (DESIGN.md section 5), the Functions host's own blobs
// (keys, timer schedules, queue-listener leases) and the blob container Flex Consumption deploys the app package
// from. Reached with Entra identities only.

import { tagSet } from 'types.bicep'

@description('Region of the storage account.')
param location string

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Blob container the Flex Consumption app is deployed from.')
param deploymentContainerName string

@description('Tables the app uses.')
param tableNames string[]

@description('Storage queues the app\'s queue triggers read.')
param queueNames string[]

@description('Tags applied to every resource.')
param tags tagSet

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account keys: the app, the host and the deployment engine use the app's managed identity.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The app creates its tables and queues at start as well; declaring them here makes them exist, and visible to
// operators, from the first deployment on, and creating what exists is a no-op for both.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// Their <queue>-poison queues are not declared: the Functions host creates one when a message first fails
// maxDequeueCount times (host.json).
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output accountName string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
