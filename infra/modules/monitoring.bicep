// Log Analytics workspace and the workspace-based Application Insights component the app reports to.
// Ingestion takes Entra tokens only: the connection string in the app's settings names the component, and is no
// credential, so anyone who reads it still cannot send telemetry in the app's name.

import { tagSet } from 'types.bicep'

@description('Region of the monitoring resources.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags applied to every resource.')
param tags tagSet

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output workspaceName string = workspace.name
output applicationInsightsName string = applicationInsights.name
@description('Not a secret: it identifies the component; with local authentication off, ingestion needs an Entra token.')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
