using Scanner.Cli.Standalone;
using Scanner.Testing.Functions;

using Scanner.Functions.Discovery;

namespace Scanner.Functions.Tests.Metadata;

/// <summary>
/// The build output is the contract with the Functions host: these tests read what the Worker SDK wrote, as the
/// host will, and hold it to the design (DESIGN.md sections 2 and 3).
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>DESIGN.md section 3, binding by binding: this is the contract, stated once, here.</summary>
    private static readonly MetadataFunction[] Expected =
    [
        new("ScheduleScans", "", "timerTrigger", null, [], null, "%Scanner:ScanSchedule%", null, null),
        new("ScanRepository", "", "queueTrigger", null, [], null, null, "scan-requests", "AzureWebJobsStorage"),
        new("RelayOutbox", "", "timerTrigger", null, [], null, "0 * * * * *", null, null),
        new("NotifySubscribers", "", "queueTrigger", null, [], null, null, "subscriber-deliveries", "AzureWebJobsStorage"),
        new("DockerHubWebhook", "", "httpTrigger", "v1/webhooks/dockerhub", ["POST"], "Function", null, null, null),
        new("ListExtensions", "", "httpTrigger", "v1/extensions", ["GET"], "Anonymous", null, null, null),
        new("GetExtension", "", "httpTrigger", "v1/extensions/{*repository:minlength(1)}", ["GET"], "Anonymous", null, null, null),
        new("CheckUpdates", "", "httpTrigger", "v1/updates", ["GET", "POST"], "Anonymous", null, null, null),
        new("GetChanges", "", "httpTrigger", "v1/changes", ["GET"], "Anonymous", null, null, null),
        new("ManageAllowList", "", "httpTrigger", "v1/admin/allowlist/{*repository}", ["DELETE", "GET", "PUT"], "Admin", null, null, null),
        new("ManageBlocks", "", "httpTrigger", "v1/admin/blocks/{*target:minlength(1)}", ["DELETE", "PUT"], "Admin", null, null, null),
        new("ManageSubscribers", "", "httpTrigger", "v1/admin/subscribers/{id?}", ["DELETE", "GET", "PUT"], "Admin", null, null, null),
        new("TriggerScan", "", "httpTrigger", "v1/admin/scans", ["POST"], "Admin", null, null, null),
        new("Health", "", "httpTrigger", "health", ["GET"], "Anonymous", null, null, null),
        new("OpenApi", "", "httpTrigger", "openapi/v1.json", ["GET"], "Anonymous", null, null, null),
    ];

    [Fact]
    public void Functions_metadata_holds_the_fifteen_functions_of_the_design_with_their_triggers()
    {
        var written = BuildOutput.Functions().ToDictionary(f => f.Name);
        Assert.Equal(Expected.Select(f => f.Name).Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var expected in Expected)
        {
            var actual = written[expected.Name];
            Assert.Equal(
                (expected.TriggerType, expected.Route, string.Join(',', expected.Methods), expected.AuthLevel, expected.Schedule, expected.QueueName, expected.Connection),
                (actual.TriggerType, actual.Route, string.Join(',', actual.Methods), actual.AuthLevel, actual.Schedule, actual.QueueName, actual.Connection));
        }
    }

    [Fact]
    public void Every_entry_point_is_a_method_of_Scanner_Functions()
    {
        foreach (var function in BuildOutput.Functions())
        {
            var dot = function.EntryPoint.LastIndexOf('.');
            var type = typeof(Program).Assembly.GetType(function.EntryPoint[..dot]);
            Assert.NotNull(type);
            Assert.NotNull(type!.GetMethod(function.EntryPoint[(dot + 1)..]));
        }
    }

    [Fact]
    public void Worker_config_names_the_isolated_worker_and_this_assembly()
    {
        using var config = BuildOutput.Read("worker.config.json");
        var description = config.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Scanner.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void Every_binding_type_is_built_into_the_host_or_has_its_extension()
    {
        using var extensions = BuildOutput.Read("extensions.json");
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();
        var hints = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("hintPath").GetString()!).ToArray();
        foreach (var hint in hints)
        {
            // The extension assemblies the host loads live in .azurefunctions/, beside the worker.
            Assert.StartsWith("./.azurefunctions/", hint, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(BuildOutput.Directory, hint)), hint);
        }

        var builtIn = new HashSet<string>(StringComparer.Ordinal) { "httpTrigger", "timerTrigger" };
        var byExtension = new Dictionary<string, string>(StringComparer.Ordinal) { ["queueTrigger"] = "AzureStorageQueues" };
        foreach (var type in BuildOutput.Functions().Select(f => f.TriggerType).Distinct())
        {
            Assert.True(builtIn.Contains(type) || (byExtension.TryGetValue(type, out var extension) && names.Contains(extension)), $"{type} has no extension");
        }
    }

    [Fact]
    public void No_two_http_routes_match_one_path()
    {
        // The host tries routes in function order and the first match wins; so no path may match two of them.
        var routes = BuildOutput.Functions().Where(f => f.Route is not null).ToArray();
        foreach (var function in routes)
        {
            foreach (var path in RouteSamples.PathsMatching(function.Route!))
            {
                var matches = routes.Where(other => RouteSamples.Matches(other.Route!, path)).Select(f => f.Name).ToArray();
                Assert.True(matches.Length == 1, $"/{path} matches {string.Join(", ", matches)}");
            }
        }
    }

    [Fact]
    public void Catch_all_of_GetExtension_refuses_the_empty_value_so_the_list_route_stays_reachable()
    {
        var getExtension = BuildOutput.Functions().Single(f => f.Name == "GetExtension").Route!;
        Assert.False(RouteSamples.Matches(getExtension, "v1/extensions"));
        Assert.False(RouteSamples.Matches(getExtension, "v1/extensions/"));
        Assert.True(RouteSamples.Matches(getExtension, "v1/extensions/docker.io/acme/ext"));
    }

    [Fact]
    public void Standalone_host_discovers_exactly_the_functions_of_the_metadata()
    {
        var metadata = BuildOutput.Functions().ToDictionary(f => f.Name);
        var hosted = FunctionDiscovery.Discover(typeof(Program).Assembly);
        Assert.Equal(metadata.Keys.Order(StringComparer.Ordinal), hosted.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var function in hosted)
        {
            var written = metadata[function.Name];
            Assert.Equal(written.TriggerType, function.TriggerType);
            Assert.Equal(written.Route, function.Route);
            Assert.Equal(written.Methods, function.HttpMethods.Order(StringComparer.Ordinal));
            Assert.Equal(written.AuthLevel, function.Http?.AuthLevel.ToString());
            Assert.Equal(written.Schedule, function.Timer?.Schedule);
            Assert.Equal(written.QueueName, function.Queue?.QueueName);
        }
    }
}
