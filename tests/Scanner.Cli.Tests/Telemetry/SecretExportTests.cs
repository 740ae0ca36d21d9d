using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scanner.Cli.Tests.ServiceBus;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Repositories;
using Scanner.Testing.Azurite;
using Scanner.Testing.Registry;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Telemetry;

/// <summary>
/// Every secret the server holds or handles (registry password and the tokens it buys with it, API keys, a
/// subscriber's signing secret, the Service Bus key and its SAS tokens, the storage key) stays out of every byte it
/// exports over OTLP and out of every log line, through a scan, a Docker Hub webhook and a subscriber delivery.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class SecretExportTests(ScannerEnvironment environment, TokenAuthRegistryFixture registry, ITestOutputHelper output)
    : IClassFixture<TokenAuthRegistryFixture>
{
    private const string Subscriber = "secret-watcher";

    [Fact]
    public async Task No_key_token_password_or_shared_access_signature_reaches_an_exported_byte_or_a_log_line()
    {
        // Values no other text holds by chance: finding one means it leaked.
        var serviceBusKey = "SbKey" + Guid.NewGuid().ToString("N");
        var subscriberSecret = "SubscriberSecret" + Guid.NewGuid().ToString("N");
        await using var broker = await ServiceBusBroker.StartAsync(new ServiceBusBrokerOptions { Key = serviceBusKey });
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var collector = await OtlpReceiver.StartAsync();

        // In front of the registry, to learn the Bearer tokens the server was given (the realm is the issuer itself).
        var authorizations = new List<string>();
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, (_, context, _) =>
        {
            lock (authorizations)
            {
                authorizations.Add(context.Request.Headers.Authorization.ToString());
            }

            return Task.FromResult(false);
        });

        var local = registry.Seeder.NewRepository("secrets");
        await registry.Seeder.PushAsync(local, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Secrets", "1.0.0")));
        var hub = RepositoryName.Parse($"docker.io/{local.Path}");

        // Debug and up, under the server's own category rules: what it would log with its level turned down.
        var logs = new CollectingLoggerProvider();
        var settings = ServiceBusScenario.Settings(broker.ConnectionString);
        foreach (var (key, value) in OtlpExportTests.OtlpSettings(collector, "scanner-secrets"))
        {
            settings[key] = value;
        }

        // Docker Hub names reach the token-auth registry through the proxy, with the registry's credentials.
        settings["Scanner:Registries:0:Host"] = RepositoryName.DockerHub;
        settings["Scanner:Registries:0:Endpoint"] = proxy.Host;
        settings["Scanner:Registries:0:Insecure"] = "true";
        settings["Scanner:Registries:0:Username"] = RegistryServer.Username;
        settings["Scanner:Registries:0:Password"] = RegistryServer.Password;
        var server = await ScannerTestServer.StartAsync(
            environment, settings, configure: builder => builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        try
        {
            var subscription = JsonSerializer.Serialize(new { url = receiver.Url(Subscriber).ToString(), secret = subscriberSecret, eventTypes = new[] { ServiceBusScenario.Published } });
            using (var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/subscribers/{Subscriber}", ScannerTestServer.Json(subscription))))
            {
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }

            // A scan (the allow-listing's), then a Docker Hub webhook with the function key in its URL, as Docker Hub sends it.
            await ServiceBusScenario.AllowListAsync(server, hub);
            await Poll.UntilAsync(() => receiver.ReceivedAt(Subscriber).Count(r => r.Status == 200) == 1, "the subscriber's first delivery");
            await registry.Seeder.PushAsync(local, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Secrets", "1.1.0")));
            var payload = $$$"""{"push_data":{"tag":"1.1.0"},"repository":{"repo_name":"{{{local.Path}}}"}}""";
            using (var webhook = await server.Client.PostAsync($"api/v1/webhooks/dockerhub?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(payload)))
            {
                Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
            }

            await Poll.UntilAsync(() => receiver.ReceivedAt(Subscriber).Count(r => r.Status == 200) == 2, "the subscriber's delivery of 1.1.0");
            await server.WaitForIdleAsync();
            await Poll.UntilAsync(() => collector.Holds(OtlpReceiver.Traces, "registry token"), "the token request's span to be exported");
        }
        finally
        {
            // Stopping flushes every exporter.
            await server.DisposeAsync();
        }

        var tokens = authorizations.Where(a => a.StartsWith("Bearer ", StringComparison.Ordinal)).Select(a => a["Bearer ".Length..]).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(tokens);
        Assert.Equal(2, broker.MessagesOn().Count(m => m.Subject == ServiceBusScenario.Published));
        Assert.NotEmpty(broker.TokenRequests);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["registry password"] = RegistryServer.Password,
            ["registry Basic credentials"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}")),
            ["function key"] = ScannerTestServer.FunctionKey,
            ["admin key"] = ScannerTestServer.AdminKey,
            ["subscriber secret"] = subscriberSecret,
            ["Service Bus key"] = serviceBusKey,
            ["Service Bus connection string"] = "SharedAccessKey=",
            ["Service Bus SAS token"] = "SharedAccessSignature",
            ["storage account key"] = AzuriteFixture.AccountKey,
        };
        for (var i = 0; i < tokens.Count; i++)
        {
            var parts = tokens[i].Split('.');
            secrets[$"Bearer token {i + 1}"] = tokens[i];
            secrets[$"Bearer token {i + 1} claims"] = parts[1];
            secrets[$"Bearer token {i + 1} signature"] = parts[^1];
        }

        var lines = logs.Lines;
        var exports = collector.Exports;
        output.WriteLine($"searched {lines.Count} log lines and {exports.Count} OTLP requests ({string.Join(", ", exports.GroupBy(e => e.Path).Select(g => $"{g.Key}: {g.Sum(e => e.Body.Length)} bytes"))}) for {secrets.Count} secrets ({tokens.Count} Bearer tokens)");

        // What was searched holds what the flow did, so an empty export cannot pass for a clean one.
        Assert.Contains(lines, l => l.Text.Contains(hub.Value, StringComparison.Ordinal));
        foreach (var text in new[] { "scan", "registry token", "relay", hub.Value })
        {
            Assert.True(collector.Holds(OtlpReceiver.Traces, text), $"the exported spans hold {text}");
        }

        Assert.True(collector.Holds(OtlpReceiver.Logs, hub.Value), "the exported logs hold the repository");
        Assert.True(collector.Holds(OtlpReceiver.Logs, "webhooks/dockerhub"), "the exported logs hold the webhook request");
        Assert.True(collector.Holds(OtlpReceiver.Metrics, "scanner.subscriber.deliveries"), "the exported metrics hold the delivery");

        var leaks = new List<string>();
        foreach (var (what, secret) in secrets)
        {
            leaks.AddRange(lines.Where(l => l.Text.Contains(secret, StringComparison.Ordinal)).Select(l => $"{what} in log line: {l}"));
            leaks.AddRange(exports.Where(e => OtlpReceiver.Contains(e.Body, secret)).Select(e => $"{what} in OTLP {e.Path}: ...{Around(e.Body, secret)}..."));
        }

        foreach (var leak in leaks)
        {
            output.WriteLine(leak);
        }

        Assert.Empty(leaks);
    }

    /// <summary>The printable text around the first <paramref name="secret"/> in <paramref name="body"/>, to say where it leaked.</summary>
    private static string Around(byte[] body, string secret)
    {
        var at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret));
        var start = Math.Max(0, at - 120);
        var text = Encoding.UTF8.GetString(body, start, Math.Min(body.Length - start, 240 + secret.Length));
        return new string([.. text.Select(c => char.IsControl(c) ? '.' : c)]);
    }
}
