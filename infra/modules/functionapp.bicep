// The scanner as a .NET 10 isolated-worker function app on Flex Consumption, its system-assigned identity, and the
// data-plane roles that identity needs. No connection string or key is stored: every setting names a resource, and
// the identity authenticates.

import { tagSet } from 'types.bicep'

@description('Region of the plan and the app.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its host name).')
param appName string

@description('Storage account of the host and the app (must already exist).')
param storageAccountName string

@description('URL of the blob container the app package is deployed to.')
param deploymentContainerUrl string

@description('Service Bus namespace of the change events (must already exist).')
param serviceBusNamespaceName string

@description('Topic of the namespace the app publishes change events to (must already exist).')
param changesTopicName string

@description('Host name of the Service Bus namespace, e.g. name.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Application Insights component the app reports to (must already exist).')
param applicationInsightsName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('NCRONTAB schedule (6 fields) of the ScheduleScans timer.')
param scanSchedule string

@description('Repositories added to the allow-list at startup if absent.')
param allowList string[]

@description('Platform whose labels are read from multi-arch images.')
param preferredPlatform string

@description('Ceiling on on-demand instances of each function\'s scale group; times the queue concurrency per instance of host.json (batchSize + newBatchThreshold), it bounds concurrent scans.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of one instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Tags applied to every resource.')
param tags tagSet

// Built-in role definition ids (the same in every Azure tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The settings the app and the Functions host read (DESIGN.md section 8), in identity-based form.
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not set: Flex Consumption takes the runtime from
// functionAppConfig.runtime and refuses both as app settings.
// Scanner__ApiKeys__* are not set: in Azure the Functions host checks function and admin keys.
var fixedAppSettings = [
  {
    // The host (keys, timers, queue triggers) and the app (tables, queues) reach the account with the identity.
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'ServiceBusConnection__fullyQualifiedNamespace'
    value: serviceBusFullyQualifiedNamespace
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
  {
    // The component takes Entra tokens only (monitoring.bicep); this tells the host to send them, as the app's
    // identity.
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    name: 'Scanner__ScanSchedule'
    value: scanSchedule
  }
  {
    name: 'Scanner__PreferredPlatform'
    value: preferredPlatform
  }
]

var allowListAppSettings = [
  for (repository, index) in allowList: {
    name: 'Scanner__AllowList__${index}'
    value: repository
  }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource changesTopic 'topics' existing = {
    name: changesTopicName
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(fixedAppSettings, allowListAppSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        // '10.0', not '10': ARM accepts '10', but the host then fails to start (Azure/Azure-Functions#2666).
        version: '10.0'
      }
    }
  }
}

// Deployments authenticate with Entra tokens; publishing user names and passwords stay off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Blob: the host keeps its keys, timer schedules and queue-listener leases in blobs, and the platform reads the
// deployment package with this identity; Owner, because the host manages the containers it needs.
resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Table: catalog, allow-list, change feed, subscribers.
resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageTableDataContributor
    )
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Queue: scan-requests and subscriber-deliveries (the app sends, the host's triggers receive) and their poison queues.
resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageQueueDataContributor
    )
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app only publishes change events, to this one topic: it receives nothing from Service Bus and manages nothing.
resource serviceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::changesTopic.id, app.id, roles.serviceBusDataSender)
  scope: serviceBus::changesTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Entra-authenticated telemetry ingestion (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, app.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output appName string = app.name
output defaultHostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId
