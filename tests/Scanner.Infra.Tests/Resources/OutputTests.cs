using Scanner.Infra.Tests.Bicep;

namespace Scanner.Infra.Tests.Resources;

[Collection(InfraCollection.Name)]
public sealed class OutputTests(InfraFixture infra)
{
    [Fact]
    public void Main_template_outputs_the_app_url_and_every_resource_name_the_deploy_guide_uses()
    {
        string[] expected =
        [
            "appUrl", "functionAppName", "functionAppPrincipalId", "storageAccountName", "serviceBusNamespaceName",
            "serviceBusFullyQualifiedNamespace", "changesTopicName", "applicationInsightsName", "logAnalyticsWorkspaceName",
            "maximumConcurrentScans",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), infra.Template.OutputNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void App_url_is_https_on_the_default_host_name_of_the_app()
    {
        var site = infra.Deployment.Single("Microsoft.Web/sites");

        Assert.Equal($"[format('https://{{0}}', reference('{site.Id}', '2024-04-01').defaultHostName)]", Output("appUrl"));
    }

    [Theory]
    [InlineData("functionAppName", "Microsoft.Web/sites")]
    [InlineData("storageAccountName", "Microsoft.Storage/storageAccounts")]
    [InlineData("serviceBusNamespaceName", "Microsoft.ServiceBus/namespaces")]
    [InlineData("applicationInsightsName", "Microsoft.Insights/components")]
    [InlineData("logAnalyticsWorkspaceName", "Microsoft.OperationalInsights/workspaces")]
    public void Name_outputs_are_the_names_of_the_deployed_resources(string output, string type)
    {
        Assert.Equal(infra.Deployment.Single(type).Name, Output(output));
    }

    [Fact]
    public void Changes_topic_output_is_the_name_of_the_deployed_topic()
    {
        var topic = infra.Deployment.Single("Microsoft.ServiceBus/namespaces/topics");

        Assert.Equal(topic.Name.Split('/')[^1], Output("changesTopicName"));
    }

    private string Output(string name) => infra.Deployment.Outputs.GetProperty(name).GetString()!;
}
