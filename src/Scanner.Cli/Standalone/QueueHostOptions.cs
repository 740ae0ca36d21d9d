using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Scanner.Cli.Standalone;

/// <summary>
/// The queue settings of <c>host.json</c> (<c>extensions.queues</c>), which the Functions host applies to queue
/// triggers; app settings <c>AzureFunctionsJobHost__extensions__queues__*</c> override them, as they do the host's.
/// </summary>
public sealed record QueueHostOptions(int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval, TimeSpan FunctionTimeout)
{
    public const string OverrideSection = "AzureFunctionsJobHost";

    /// <summary>Reads <paramref name="hostJsonPath"/> (the host's defaults for what it leaves out), then the overrides.</summary>
    public static QueueHostOptions Load(string hostJsonPath, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = File.Exists(hostJsonPath) ? JsonNode.Parse(File.ReadAllText(hostJsonPath)) as JsonObject : null;
        var queues = root?["extensions"]?["queues"] as JsonObject;
        var overrides = configuration.GetSection(OverrideSection);

        string? Read(string name, JsonNode? node) => overrides[$"extensions:queues:{name}"] ?? node?[name]?.ToString();
        int Int(string name, int fallback) => Read(name, queues) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Time(string name, TimeSpan fallback) => Read(name, queues) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var batchSize = Int("batchSize", 16);
        var timeout = overrides["functionTimeout"] ?? root?["functionTimeout"]?.ToString();
        return new QueueHostOptions(
            batchSize,
            Int("newBatchThreshold", batchSize / 2),
            Int("maxDequeueCount", 5),
            Time("visibilityTimeout", TimeSpan.Zero),
            Time("maxPollingInterval", TimeSpan.FromMinutes(1)),
            timeout is null ? TimeSpan.FromMinutes(10) : TimeSpan.Parse(timeout, CultureInfo.InvariantCulture));
    }

    /// <summary>Messages in flight at most: a new batch is fetched when no more than the threshold are left.</summary>
    public int MaxConcurrency => BatchSize + NewBatchThreshold;
}
