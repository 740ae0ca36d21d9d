using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scanner.Application.Telemetry;
using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Auth;

/// <summary>Credentials and tokens go to the registry and its token service only: never into spans, metrics or logs.</summary>
[Collection(TokenAuthCollection.Name)]
public sealed class SecretTelemetryTests(TokenAuthRegistryFixture registry)
{
    private const string WrongPassword = "Wrong-Password-For-Telemetry-77";

    [Fact]
    public async Task No_exported_span_or_metric_attribute_nor_log_line_carries_the_password_or_a_token()
    {
        var repository = registry.Seeder.NewRepository("secrets");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Secrets")));
        var authorizations = new List<string>();
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, (_, context, _) =>
        {
            lock (authorizations)
            {
                authorizations.Add(context.Request.Headers.Authorization.ToString());
            }

            return Task.FromResult(false);
        });
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var logs = new List<string>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ScannerTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(ScannerTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var harness = new ScannerHarness(proxy.Host, withCredentials: true, logs: logs);
        using var refused = new ScannerHarness(proxy.Host, withCredentials: true, password: WrongPassword, logs: logs);

        ActivityTraceId trace;
        RepositoryScanOutcome granted;
        RepositoryScanOutcome denied;
        using (var scan = harness.Telemetry.ActivitySource.StartActivity("scan repository"))
        {
            Assert.NotNull(scan);
            trace = scan.TraceId;
            granted = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));
            denied = await refused.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));
        }

        tracing.ForceFlush();
        metering.ForceFlush();
        Assert.True(granted.Succeeded, granted.Failure);
        Assert.False(denied.Succeeded);
        var tokens = authorizations.Where(a => a.StartsWith("Bearer ", StringComparison.Ordinal)).Select(a => a["Bearer ".Length..]).Distinct().ToList();
        Assert.NotEmpty(tokens);
        string[] secrets =
        [
            RegistryServer.Password,
            WrongPassword,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{WrongPassword}")),
            .. tokens,
            .. tokens.Select(t => t.Split('.')[1]),
        ];

        var ours = spans.Where(s => s.TraceId == trace).ToList();
        Assert.Contains(ours, s => s.GetTagItem(ScannerTelemetry.RequestKindAttribute) as string == "token");
        var exported = ours.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? ""))
            .Concat(metrics.SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p))))
            .Concat(logs)
            .ToList();
        Assert.NotEmpty(logs);
        foreach (var text in exported)
        {
            Assert.DoesNotContain("Bearer ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Basic ", text, StringComparison.Ordinal);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an exported value carries a secret: {text}");
            }
        }
    }

    private static List<string> Tags(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return tags;
    }
}
