using System.Text.Json;
using Scanner.Functions.Functions;
using Scanner.Functions.Timers;

namespace Scanner.Functions.Tests.Protocol;

public sealed class FunctionJsonTests : IDisposable
{
    private static readonly string[] DesignFunctions =
    [
        "ScheduleScans", "ScanRepository", "RelayOutbox", "NotifySubscribers", "DockerHubWebhook", "ListExtensions",
        "GetExtension", "CheckUpdates", "GetChanges", "ManageAllowList", "ManageBlocks", "ManageSubscribers",
        "TriggerScan", "Health", "OpenApi",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("function-json-").FullName;

    public FunctionJsonTests() => FunctionJsonWriter.WriteAll(_directory, FunctionCatalog.All);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Emit_writes_one_function_json_per_design_function_and_nothing_else()
    {
        var folders = Directory.GetDirectories(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(DesignFunctions.Order(StringComparer.Ordinal), folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(_directory, f!, "function.json"))));
    }

    [Fact]
    public void Http_functions_have_exactly_one_http_trigger_in_and_one_http_out()
    {
        foreach (var function in FunctionCatalog.All.Where(f => f.Trigger is HttpTrigger && f.Name is not ("Health" or "OpenApi")))
        {
            var bindings = Bindings(function.Name);
            Assert.Equal(2, bindings.Length);
            Assert.Equal(("httpTrigger", "in"), (bindings[0].GetProperty("type").GetString(), bindings[0].GetProperty("direction").GetString()));
            Assert.Equal(("http", "out"), (bindings[1].GetProperty("type").GetString(), bindings[1].GetProperty("direction").GetString()));
            Assert.StartsWith("v1/", bindings[0].GetProperty("route").GetString() ?? string.Empty, StringComparison.Ordinal);
            Assert.Contains(bindings[0].GetProperty("authLevel").GetString(), new[] { "anonymous", "function", "admin" });
        }
    }

    [Fact]
    public void Health_and_openapi_routes_sit_outside_v1_only_where_the_design_puts_them()
    {
        Assert.Equal("health", Bindings("Health")[0].GetProperty("route").GetString());
        Assert.Equal("openapi/v1.json", Bindings("OpenApi")[0].GetProperty("route").GetString());
    }

    [Theory]
    [InlineData("ScheduleScans", "%Scanner:ScanSchedule%")]
    [InlineData("RelayOutbox", "0 * * * * *")]
    public void Timer_schedules_are_six_field_ncrontab(string name, string expected)
    {
        var trigger = Assert.Single(Bindings(name));
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        var schedule = trigger.GetProperty("schedule").GetString()!;
        Assert.Equal(expected, schedule);
        var effective = schedule.StartsWith('%') ? FunctionCatalog.DefaultScanSchedule : schedule;
        Assert.Equal(6, effective.Split(' ').Length);
        Assert.True(CronSchedule.TryParse(effective, out _, out var error), error);
    }

    [Fact]
    public void Service_bus_triggers_name_the_design_queue_topic_and_subscription()
    {
        var scan = Assert.Single(Bindings("ScanRepository"));
        Assert.Equal("serviceBusTrigger", scan.GetProperty("type").GetString());
        Assert.Equal("scan-requests", scan.GetProperty("queueName").GetString());
        Assert.Equal("ServiceBusConnection", scan.GetProperty("connection").GetString());

        var notify = Assert.Single(Bindings("NotifySubscribers"));
        Assert.Equal("extension-changes", notify.GetProperty("topicName").GetString());
        Assert.Equal("webhooks", notify.GetProperty("subscriptionName").GetString());
        Assert.Equal("ServiceBusConnection", notify.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("DockerHubWebhook", "function")]
    [InlineData("ManageAllowList", "admin")]
    [InlineData("ManageBlocks", "admin")]
    [InlineData("ManageSubscribers", "admin")]
    [InlineData("TriggerScan", "admin")]
    [InlineData("CheckUpdates", "anonymous")]
    [InlineData("ListExtensions", "anonymous")]
    public void Auth_levels_follow_the_design(string name, string level) =>
        Assert.Equal(level, Bindings(name)[0].GetProperty("authLevel").GetString());

    private JsonElement[] Bindings(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, function, "function.json")));
        return [.. document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())];
    }
}
