using System.Net;
using System.Text.Json;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Repositories;
using Scanner.Testing.Registry;
using Scanner.Testing.ServiceBus;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>
/// The steps the Service Bus and subscriber tests share: a repository with three valid versions, allow-listing it and
/// asking for a scan through the admin API, reading the change feed as a client does, and the broker's record as text.
/// </summary>
internal static class ServiceBusScenario
{
    public const string Added = "extension.added";
    public const string Published = "extension.version.published";

    public static readonly string[] Versions = ["1.0.0", "1.1.0", "2.0.0"];

    /// <summary>
    /// The server's Service Bus settings: the broker's connection string and SDK retries short enough for a test,
    /// with a try timeout above the SDK's 10 s server-busy pause so a throttled send is retried, not given up.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, string retryDelay = "00:00:00.200", int maxRetries = 3) => new()
    {
        ["ServiceBusConnection"] = connectionString,
        ["Scanner:ServiceBus:Retry:Mode"] = "Exponential",
        ["Scanner:ServiceBus:Retry:Delay"] = retryDelay,
        ["Scanner:ServiceBus:Retry:MaxDelay"] = "00:00:04",
        ["Scanner:ServiceBus:Retry:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Scanner:ServiceBus:Retry:TryTimeout"] = "00:00:15",
    };

    /// <summary>A new repository holding exactly three valid versions and nothing else.</summary>
    public static async Task<RepositoryName> SeedThreeVersionsAsync(RegistrySeeder seeder, string prefix)
    {
        ArgumentNullException.ThrowIfNull(seeder);
        var repository = seeder.NewRepository(prefix);
        foreach (var version in Versions)
        {
            await seeder.PushAsync(repository, version, new SeedImage(ExtensionLabelSets.Valid("Bus Extension", version)));
        }

        return repository;
    }

    /// <summary>PUT on the allow-list: the addition is relayed before the answer, and the first scan is requested.</summary>
    public static async Task AllowListAsync(ScannerTestServer server, RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var put = await server.Client.SendAsync(ScannerTestServer.Admin(
            HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}", ScannerTestServer.Json("""{"note":"service bus"}""")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    public static async Task RequestScanAsync(ScannerTestServer server, RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var scan = await server.Client.SendAsync(ScannerTestServer.Admin(
            HttpMethod.Post, "api/v1/admin/scans", ScannerTestServer.Json($$"""{"repository":"{{repository.Value}}"}""")));
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
    }

    /// <summary>The whole change feed, as GET /api/v1/changes pages it.</summary>
    public static async Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(ScannerTestServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var entries = new List<FeedEntry>();
        string? cursor = null;
        while (true)
        {
            var url = cursor is null ? "api/v1/changes?limit=500" : $"api/v1/changes?limit=500&after={Uri.EscapeDataString(cursor)}";
            using var page = JsonDocument.Parse(await server.Client.GetStringAsync(url));
            var events = page.RootElement.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                return entries;
            }

            entries.AddRange(events.Select(e => new FeedEntry(
                e.GetProperty("id").GetString()!,
                e.GetProperty("type").GetString()!,
                e.GetProperty("source").GetString()!,
                e.TryGetProperty("subject", out var subject) ? subject.GetString() : null)));
            cursor = page.RootElement.GetProperty("cursor").GetString();
        }
    }

    /// <summary>Polls the extension's detail until its last scan succeeded with <paramref name="versions"/> versions.</summary>
    public static Task WaitForScannedAsync(ScannerTestServer server, RepositoryName repository, int versions, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Poll.UntilAsync(async () =>
        {
            using var response = await server.Client.GetAsync($"api/v1/extensions/{repository.Value}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return detail.RootElement.GetProperty("versions").GetArrayLength() == versions &&
                   detail.RootElement.GetProperty("scan").GetProperty("outcome").GetString() == "succeeded";
        }, $"a successful scan of {repository.Value} with {versions} versions", timeout);
    }

    public static string Describe(RecordedTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return $"transfer {transfer.Id} on {transfer.Entity} (connection {transfer.ConnectionId}): {transfer.Outcome}, " +
               $"{(transfer.IsBatch ? "batch" : "single")} of {transfer.MessageIds.Count}, {transfer.Bytes} bytes, " +
               $"MessageIds [{string.Join(", ", transfer.MessageIds)}]";
    }

    public static string Describe(RecordedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"  transfer {message.TransferId}[{message.IndexInTransfer}] MessageId={message.MessageId} Subject={message.Subject} " +
               $"ContentType={message.ContentType} type={message.Property("type")} repository={message.Property("repository")}" +
               (message.IsDuplicate ? " DUPLICATE (dropped)" : string.Empty);
    }

    public static string Describe(ServiceBusBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return string.Join(Environment.NewLine, [
            .. broker.Transfers.Select(Describe),
            "messages:",
            .. broker.Messages.Select(Describe),
        ]);
    }
}
