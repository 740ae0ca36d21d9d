// Extension Update Scanner on Azure: a .NET 10 isolated-worker function app on Flex Consumption with Table Storage,
// Storage queues, a Service Bus topic and Application Insights, wired by managed identity. Deploy into an existing
// resource group, then deploy the package of ./build.sh package (docs/deploy.md):
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

@description('Registry politeness as a number. Ceiling on on-demand instances of each function\'s scale group: at most maximumInstanceCount x (batchSize + newBatchThreshold of host.json\'s queues: 4 + 2 = 6 per instance) scans run at once, one repository each (output maximumConcurrentScans), and each instance sends at most Scanner:RegistryHttp:MaxConcurrencyPerHost (8) requests to one registry at once. Flex Consumption accepts less than 40 only in some regions.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of one app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

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
var applicationInsightsName = '${namePrefix}-insights-${suffix}'
var deploymentContainerName = 'app-package'

// DESIGN.md section 5.
var tableNames = [
  'catalog'
  'allowlist'
  'changes'
  'subscribers'
]

// The queues of the ScanRepository and NotifySubscribers triggers (DESIGN.md section 3).
var queueNames = [
  'scan-requests'
  'subscriber-deliveries'
]

// DESIGN.md section 7: the topic the app publishes change events to.
var changesTopicName = 'extension-changes'

// The host.json the package carries: each instance runs up to batchSize + newBatchThreshold messages of one queue at
// once, one repository per scan-requests message.
var queuesHostSettings = loadJsonContent('../host.json').extensions.queues
var scansPerInstance = queuesHostSettings.batchSize + queuesHostSettings.newBatchThreshold

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: '${namePrefix}-logs-${suffix}'
    applicationInsightsName: applicationInsightsName
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
    queueNames: queueNames
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: serviceBusNamespaceName
    topicName: changesTopicName
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
    changesTopicName: changesTopicName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    applicationInsightsName: applicationInsightsName
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
@description('Topic consumers subscribe to for change events.')
output changesTopicName string = serviceBus.outputs.topicName
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
@description('Registry politeness: the most scans in flight at once, one repository each.')
output maximumConcurrentScans int = maximumInstanceCount * scansPerInstance
