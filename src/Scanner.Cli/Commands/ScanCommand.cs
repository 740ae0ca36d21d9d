using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scanner.Application.AllowList;
using Scanner.Application.Scanning;
using Scanner.Core.Repositories;

namespace Scanner.Cli.Commands;

/// <summary>
/// <c>scanner scan [--repository R] [--json]</c>: one scan of the allow-list (or one repository), committed and
/// relayed, each under its lease (a scan held by a running service is waited for), then exit.
/// </summary>
public static class ScanCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var json = ScannerCommandLine.TakeFlag(ref args, "--json");
        var only = ScannerCommandLine.TakeOption(ref args, "--repository");
        RepositoryName? single = null;
        if (only is not null && !RepositoryName.TryParse(only, out single, out var error))
        {
            await stderr.WriteLineAsync($"--repository: {error}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var host = CommandHost.Build(args, configure);

        // Starting the host runs the storage initializer: a fresh account gets its tables and queues. Repositories
        // named in configuration join the allow-list first, as they do when the service starts.
        await host.StartAsync().ConfigureAwait(false);
        await host.Services.GetRequiredService<SeedAllowList>().SeedAsync().ConfigureAwait(false);
        var progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ScanProgress(stderr) : null;
        var reports = await host.Services.GetRequiredService<ScanAll>().RunAsync(single, progress is null ? null : progress.Report).ConfigureAwait(false);
        progress?.Finish();
        await host.StopAsync().ConfigureAwait(false);

        if (json)
        {
            await stdout.WriteLineAsync(ToJson(reports)).ConfigureAwait(false);
        }
        else
        {
            foreach (var r in reports)
            {
                var line = r.Status switch
                {
                    RepositoryScanStatus.Scanned =>
                        $"scanned  {r.Versions} versions, {r.IgnoredTags} other tags, {Describe(r.EventTypes)} ({r.Duration.TotalMilliseconds:0} ms)",
                    RepositoryScanStatus.Failed => $"FAILED   {r.Failure}",
                    RepositoryScanStatus.Throttled => $"THROTTLED retry at {r.RetryAt:u}: {r.Failure}",
                    _ => "skipped  not on the allow-list",
                };
                await stdout.WriteLineAsync($"{r.Repository.Value,-60} {line}").ConfigureAwait(false);
            }

            var failed = reports.Count(r => r.Status != RepositoryScanStatus.Scanned);
            await stdout.WriteLineAsync($"{reports.Count} repositories: {reports.Count - failed} scanned, {failed} failed").ConfigureAwait(false);
        }

        return reports.Any(r => r.Status != RepositoryScanStatus.Scanned) ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static string Describe(IReadOnlyList<string> eventTypes) =>
        eventTypes.Count == 0
            ? "no changes"
            : $"{eventTypes.Count} changes (" + string.Join(", ", eventTypes.GroupBy(t => t).Select(g => $"{g.Key.Split('.')[^1]} x{g.Count()}")) + ")";

    private static string ToJson(IReadOnlyList<RepositoryScanReport> reports)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var r in reports)
            {
                writer.WriteStartObject();
                writer.WriteString("repository", r.Repository.Value);
                writer.WriteString("status", JsonSerializer.SerializeToElement(r.Status).GetString());
                writer.WriteNumber("versions", r.Versions);
                writer.WriteNumber("ignoredTags", r.IgnoredTags);
                writer.WriteStartArray("events");
                foreach (var type in r.EventTypes)
                {
                    writer.WriteStringValue(type);
                }

                writer.WriteEndArray();
                if (r.Failure is not null)
                {
                    writer.WriteString("failure", r.Failure);
                }

                if (r.RetryAt is { } retryAt)
                {
                    writer.WriteString("retryAt", retryAt);
                }

                writer.WriteNumber("durationMs", Math.Round(r.Duration.TotalMilliseconds));
                writer.WriteStartObject("requests");
                writer.WriteNumber("tags", r.Requests.TagsPage);
                writer.WriteNumber("manifestHead", r.Requests.ManifestHead);
                writer.WriteNumber("manifestGet", r.Requests.ManifestGet);
                writer.WriteNumber("blobGet", r.Requests.BlobGet);
                writer.WriteNumber("token", r.Requests.Token);
                writer.WriteEndObject();
                writer.WriteNumber("pulls", r.Requests.Pulls);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
