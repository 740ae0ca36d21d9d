using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Templates;

namespace Scanner.Infra.Tests.Resources;

[Collection(InfraCollection.Name)]
public sealed class ServiceBusTests(InfraFixture infra)
{
    [Fact]
    public void Namespace_is_Standard_with_TLS_1_2_and_local_auth_disabled()
    {
        var space = infra.Template.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal("Standard", space.Text("sku.name"));
        Assert.Equal("1.2", space.Text("properties.minimumTlsVersion"));
        Assert.True(space.At("properties.disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Scan_requests_queue_detects_duplicates_for_ten_minutes_and_dead_letters()
    {
        var queue = Entity("Microsoft.ServiceBus/namespaces/queues", "scan-requests");

        AssertDetectsDuplicatesForTenMinutes(queue);
        AssertRetriesThenDeadLetters(queue);
    }

    [Fact]
    public void Extension_changes_topic_detects_duplicates_for_ten_minutes()
    {
        var topic = Entity("Microsoft.ServiceBus/namespaces/topics", "extension-changes");

        AssertDetectsDuplicatesForTenMinutes(topic);
    }

    [Fact]
    public void Webhooks_subscription_of_the_extension_changes_topic_retries_then_dead_letters()
    {
        var subscription = Entity("Microsoft.ServiceBus/namespaces/topics/subscriptions", "extension-changes/webhooks");

        AssertRetriesThenDeadLetters(subscription);
    }

    [Fact]
    public void Message_locks_outlive_a_long_scan()
    {
        Assert.Equal("PT5M", Entity("Microsoft.ServiceBus/namespaces/queues", "scan-requests").Text("properties.lockDuration"));
        Assert.Equal("PT5M", Entity("Microsoft.ServiceBus/namespaces/topics/subscriptions", "extension-changes/webhooks").Text("properties.lockDuration"));
    }

    private PredictedResource Entity(string type, string path)
    {
        var space = infra.Deployment.Single("Microsoft.ServiceBus/namespaces");
        return Assert.Single(infra.Deployment.OfType(type), entity => entity.Name == $"{space.Name}/{path}");
    }

    private static void AssertDetectsDuplicatesForTenMinutes(PredictedResource entity)
    {
        Assert.True(entity.At("properties.requiresDuplicateDetection").GetBoolean());
        Assert.Equal("PT10M", entity.Text("properties.duplicateDetectionHistoryTimeWindow"));
    }

    private static void AssertRetriesThenDeadLetters(PredictedResource entity)
    {
        Assert.InRange(entity.At("properties.maxDeliveryCount").GetInt32(), 2, 100);
        Assert.True(entity.At("properties.deadLetteringOnMessageExpiration").GetBoolean());
    }
}
