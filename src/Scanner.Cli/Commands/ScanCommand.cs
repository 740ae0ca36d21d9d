using System.Text.Json;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Functions.Hosting;
using Scanner.Functions.Scanning;
using Scanner.Registry;
using Scanner.Storage.Tables;

namespace Scanner.Functions.Cli;

/// <summary><c>scanner scan [--repository R] [--json]</c>: one scan cycle, committed and relayed, then exit.</summary>
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

        using var host = ScannerApp.BuildCommandHost(args, configure);
        var services = host.Services;

        // A command host runs no hosted services: the tables a fresh storage account lacks are created here.
        await services.GetRequiredService<StorageTables>().EnsureTablesAsync().ConfigureAwait(false);
        await services.GetRequiredService<AllowListSeeder>().SeedAsync().ConfigureAwait(false);
        var allowList = services.GetRequiredService<IAllowListStore>();
        IReadOnlyList<RepositoryName> targets = single is not null
            ? [single]
            : (await allowList.ListAsync().ConfigureAwait(false)).Select(e => e.Repository).ToArray();

        var coordinator = services.GetRequiredService<ScanCoordinator>();
        var reports = new List<RepositoryScanReport>();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = services.GetRequiredService<IOptions<RegistryOptions>>().Value.ScanConcurrency }, async (repository, cancellationToken) =>
        {
            var report = await coordinator.ScanAsync(repository, cancellationToken).ConfigureAwait(false);
            lock (reports)
            {
                reports.Add(report);
            }
        }).ConfigureAwait(false);
        reports.Sort((a, b) => a.Repository.CompareTo(b.Repository));

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
                writer.WriteString("status", r.Status.ToString().ToLowerInvariant());
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

                writer.WriteNumber("durationMs", Math.Round(r.Duration.TotalMilliseconds));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
