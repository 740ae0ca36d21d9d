using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Templates;

namespace Scanner.Infra.Tests.Resources;

/// <summary>The app's identity gets the data-plane roles it needs, each on the narrowest scope that serves, and no more.</summary>
[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(InfraFixture infra)
{
    // Built-in role definition ids, the same in every tenant.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string AssignmentsSegment = "/providers/Microsoft.Authorization/roleAssignments/";

    [Fact]
    public void Storage_roles_are_scoped_to_the_account_the_sender_role_to_the_topic_and_the_publisher_role_to_the_component()
    {
        var account = infra.Deployment.Single("Microsoft.Storage/storageAccounts");
        var topic = infra.Deployment.Single("Microsoft.ServiceBus/namespaces/topics");
        var component = infra.Deployment.Single("Microsoft.Insights/components");
        string[] expected =
        [
            $"{account.Id} {StorageBlobDataOwner}",
            $"{account.Id} {StorageTableDataContributor}",
            $"{account.Id} {StorageQueueDataContributor}",
            $"{topic.Id} {ServiceBusDataSender}",
            $"{component.Id} {MonitoringMetricsPublisher}",
        ];

        var actual = Assignments().Select(assignment => $"{Scope(assignment)} {RoleId(assignment)}");

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void App_receives_nothing_from_service_bus_and_manages_nothing_there()
    {
        Assert.DoesNotContain(Assignments(), assignment => RoleId(assignment) is ServiceBusDataReceiver or ServiceBusDataOwner);
        Assert.DoesNotContain(Assignments(), assignment => Scope(assignment) == infra.Deployment.Single("Microsoft.ServiceBus/namespaces").Id);
    }

    [Fact]
    public void Every_role_is_granted_to_the_app_identity_as_a_service_principal()
    {
        var site = infra.Deployment.Single("Microsoft.Web/sites");

        Assert.All(Assignments(), assignment =>
        {
            Assert.Equal($"[reference('{site.Id}', '2024-04-01', 'full').identity.principalId]", assignment.Text("properties.principalId"));
            Assert.Equal("ServicePrincipal", assignment.Text("properties.principalType"));
        });
    }

    [Fact]
    public void Role_definitions_are_the_built_in_roles_of_the_subscription()
    {
        Assert.All(Assignments(), assignment => Assert.StartsWith(
            $"/subscriptions/{InfraFixture.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/",
            assignment.Text("properties.roleDefinitionId"),
            StringComparison.Ordinal));
    }

    [Fact]
    public void Role_assignment_names_are_distinct_guids_derived_from_scope_app_and_role()
    {
        var names = Assignments().Select(assignment => assignment.Name).ToList();

        Assert.All(names, name => Assert.True(Guid.TryParse(name, out _), name));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(infra.Template.OfType("Microsoft.Authorization/roleAssignments"), assignment =>
            Assert.Matches(@"^\[guid\(resourceId\('Microsoft\.(Storage/storageAccounts|ServiceBus/namespaces/topics|Insights/components)', .*resourceId\('Microsoft\.Web/sites', ", assignment.Name));
    }

    private IReadOnlyList<PredictedResource> Assignments() => infra.Deployment.OfType("Microsoft.Authorization/roleAssignments");

    private static string Scope(PredictedResource assignment) =>
        assignment.Id[..assignment.Id.IndexOf(AssignmentsSegment, StringComparison.Ordinal)];

    private static string RoleId(PredictedResource assignment) => assignment.Text("properties.roleDefinitionId").Split('/')[^1];
}
