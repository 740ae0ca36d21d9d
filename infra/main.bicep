// Extension Update Scanner on Azure: a Flex Consumption function app (custom handler) with Table Storage,
// Service Bus and Application Insights, wired by managed identity. Deploy into an existing resource group:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

import { tagSet } from 'modules/types.bicep'

@description('Short prefix of every resource name: 2-11 lowercase letters, digits or hyphens.')
@minLength(2)
@maxLength(11)
param namePrefix string = 'scanner'

@description('Region of every resource; Flex Consumption must be offered there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('NCRONTAB schedule (6 fields: second minute hour day month weekday) of the scheduled scan.')
param scanSchedule string = '0 */15 * * * *'

@description('Repositories added to the allow-list at startup if absent, e.g. docker.io/portainer/portainer-docker-extension.')
param allowList string[] = []

@description('Platform whose labels are read from multi-arch images.')
param preferredPlatform string = 'linux/amd64'

@description('Ceiling on app instances. Registry politeness depends on it: concurrent requests to one registry are at most this times the per-instance Service Bus concurrency of host.json.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Memory of one app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Deliveries of one Service Bus message before it is dead-lettered.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 10

@description('Days Log Analytics keeps the app\'s logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags applied to every resource.')
param tags tagSet = {
  application: 'extension-update-scanner'
}

// uniqueString is 13 characters: names stay unique per resource group and within every length limit.
var suffix = uniqueString(resourceGroup().id, namePrefix)
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var appName = '${namePrefix}-${suffix}'
var storageAccountName = take('${compactPrefix}${suffix}', 24)
var serviceBusNamespaceName = '${namePrefix}-bus-${suffix}'
var deploymentContainerName = 'app-package'

// DESIGN.md section 5, plus the subscribers of the change webhooks.
var tableNames = [
  'catalog'
  'allowlist'
  'changes'
  'subscribers'
]

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: '${namePrefix}-logs-${suffix}'
    applicationInsightsName: '${namePrefix}-insights-${suffix}'
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    tableNames: tableNames
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: serviceBusNamespaceName
    maxDeliveryCount: maxDeliveryCount
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: '${namePrefix}-plan-${suffix}'
    appName: appName
    storageAccountName: storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    serviceBusNamespaceName: serviceBusNamespaceName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    scanSchedule: scanSchedule
    allowList: allowList
    preferredPlatform: preferredPlatform
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    tags: tags
  }
}

@description('Base URL of the app; the API is under /api.')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.appName
output functionAppPrincipalId string = functionApp.outputs.principalId
output storageAccountName string = storage.outputs.accountName
output serviceBusNamespaceName string = serviceBus.outputs.namespaceName
output serviceBusFullyQualifiedNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
