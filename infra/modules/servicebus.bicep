// Service Bus: the extension-changes topic, the app's public fan-out of change events (DESIGN.md section 7).
// The app only sends: it is triggered by nothing here, so the namespace holds no queue and no subscription of its
// own. Consumers create their own subscriptions, filtered on the `type` and `repository` application properties
// (docs/deploy.md, "Consume change events").

import { tagSet } from 'types.bicep'

@description('Region of the namespace.')
param location string

@description('Name of the Service Bus namespace.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Name of the topic change events are published to.')
param topicName string

@description('Tags applied to every resource.')
param tags tagSet

// MessageId is the event id, so a re-send of an event within the window is dropped: the relay re-sends what it could
// not confirm every minute until Table Storage answers again, so a day covers an outage of the app's storage, not just
// the minute between two relay runs (10 minutes is the least the relay needs).
var duplicateDetectionWindow = 'P1D'
// Ceiling for the subscriptions consumers create: an event nobody reads within two weeks expires.
var messageTimeToLive = 'P14D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    // Topics need Standard; Basic has queues only.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    minimumTlsVersion: '1.2'
    // Entra identities only: no SAS keys to leak or rotate.
    disableLocalAuth: true
  }
}

resource changesTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
  }
}

output namespaceName string = namespace.name
output topicName string = changesTopic.name
// serviceBusEndpoint is https://{host}:443/; the host differs between Azure clouds, so it is read, not composed.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
