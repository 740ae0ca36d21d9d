using Scanner.Infra.Tests.Bicep;

namespace Scanner.Infra.Tests.Resources;

[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(InfraFixture infra)
{
    [Fact]
    public void Application_insights_is_workspace_based_on_the_deployed_log_analytics_workspace()
    {
        var workspace = infra.Deployment.Single("Microsoft.OperationalInsights/workspaces");
        var component = infra.Deployment.Single("Microsoft.Insights/components");

        Assert.Equal(workspace.Id, component.Text("properties.WorkspaceResourceId"));
        Assert.Equal("LogAnalytics", component.Text("properties.IngestionMode"));
    }

    [Fact]
    public void Application_insights_takes_entra_authenticated_telemetry_only()
    {
        // The connection string in the app settings then lets nobody send telemetry in the app's name.
        Assert.True(infra.Template.Single("Microsoft.Insights/components").At("properties.DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Every_resource_uses_a_stable_api_version()
    {
        Assert.All(infra.Deployment.Resources, resource =>
            Assert.DoesNotContain("preview", resource.Text("apiVersion"), StringComparison.OrdinalIgnoreCase));
    }
}
