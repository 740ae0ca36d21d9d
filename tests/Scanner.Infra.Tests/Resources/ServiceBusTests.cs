using System.Xml;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Settings;
using Scanner.Infra.Tests.Templates;

namespace Scanner.Infra.Tests.Resources;

/// <summary>Service Bus carries the public fan-out of change events, and nothing the app itself is triggered by.</summary>
[Collection(InfraCollection.Name)]
public sealed class ServiceBusTests(InfraFixture infra)
{
    private const string ChangesTopic = "extension-changes";

    [Fact]
    public void Namespace_is_Standard_with_TLS_1_2_and_local_auth_disabled()
    {
        var space = infra.Template.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal("Standard", space.Text("sku.name"));
        Assert.Equal("1.2", space.Text("properties.minimumTlsVersion"));
        Assert.True(space.At("properties.disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Extension_changes_topic_detects_duplicates_for_at_least_ten_minutes()
    {
        // MessageId is the event id: a re-send by the relay within the window is delivered once.
        var topic = Topic();

        Assert.True(topic.At("properties.requiresDuplicateDetection").GetBoolean());
        Assert.True(
            XmlConvert.ToTimeSpan(topic.Text("properties.duplicateDetectionHistoryTimeWindow")) >= TimeSpan.FromMinutes(10),
            topic.Text("properties.duplicateDetectionHistoryTimeWindow"));
    }

    [Fact]
    public void Extension_changes_topic_is_the_topic_the_app_publishes_to()
    {
        Assert.True(ConfigurationReadsInSource.OfRepository().HasLiteral(ChangesTopic), $"No source under src/ names \"{ChangesTopic}\".");
        Assert.Equal(ChangesTopic, Topic().Name.Split('/')[^1]);
    }

    [Fact]
    public void Namespace_holds_the_topic_only_the_retired_queue_and_subscription_are_gone()
    {
        Assert.Single(infra.Deployment.OfType("Microsoft.ServiceBus/namespaces/topics"));
        Assert.Empty(infra.Deployment.OfType("Microsoft.ServiceBus/namespaces/queues"));
        Assert.Empty(infra.Deployment.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"));
        Assert.Empty(infra.Deployment.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules"));
    }

    private PredictedResource Topic()
    {
        var space = infra.Deployment.Single("Microsoft.ServiceBus/namespaces");
        return Assert.Single(infra.Deployment.OfType("Microsoft.ServiceBus/namespaces/topics"), topic => topic.Name == $"{space.Name}/{ChangesTopic}");
    }
}
