// Service Bus: the scan-requests queue and the extension-changes topic with its webhooks subscription.
// Duplicate detection turns the app's at-least-once sends (MessageId = event id or scan:{repo}:{minute})
// into one delivery; failed deliveries are retried maxDeliveryCount times, then dead-lettered.

import { tagSet } from 'types.bicep'

@description('Region of the namespace.')
param location string

@description('Name of the Service Bus namespace.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Deliveries of one message before it is dead-lettered.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int

@description('Tags applied to every resource.')
param tags tagSet

var duplicateDetectionWindow = 'PT10M'
// A scan of a large repository may take minutes; the lock must outlive it (5 minutes is the service maximum).
var lockDuration = 'PT5M'
var messageTimeToLive = 'P14D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    minimumTlsVersion: '1.2'
    // Entra identities only: no SAS keys to leak or rotate.
    disableLocalAuth: true
  }
}

resource scanRequests 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'scan-requests'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
  }
}

resource extensionChanges 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'extension-changes'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
  }
}

resource webhooks 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: extensionChanges
  name: 'webhooks'
  properties: {
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
  }
}

output namespaceName string = namespace.name
// serviceBusEndpoint is https://{host}:443/; the host differs between Azure clouds, so it is read, not composed.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
