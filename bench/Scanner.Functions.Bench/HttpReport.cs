using System.Globalization;
using System.Text;
using Scanner.Functions.Bench.Measurement;
using Scanner.Functions.Bench.Wrk;
using Scanner.Testing.Benchmarks;

namespace Scanner.Functions.Bench;

/// <summary>
/// The figures of one run: the console table and <c>bench/results/http.md</c>. The first endpoint is the baseline
/// (health) that every other endpoint's throughput is divided by.
/// </summary>
public sealed record HttpReport(
    WrkRunner Wrk, int Rounds, IReadOnlyList<EndpointMeasurement> Endpoints, int CatalogSize, string LoadBefore, string LoadAfter)
{
    public const string Command = "dotnet run -c Release --project bench/Scanner.Functions.Bench";

    private EndpointMeasurement Baseline => Endpoints[0];

    public double Ratio(EndpointMeasurement endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.RatioTo(Baseline);
    }

    public string Table()
    {
        var table = new StringBuilder();
        table.AppendLine($"| endpoint | req/s | ratio to health | p99 | server CPU per request | req/s per round | ratio per round |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var endpoint in Endpoints)
        {
            var perRound = string.Join(", ", endpoint.Runs.Select(r => r.Wrk.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture)));
            var ratios = string.Join(", ", endpoint.RatiosPerRound(Baseline).Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {endpoint.Endpoint.Name} | {endpoint.RequestsPerSecond:0} | {Ratio(endpoint):0.00} | {endpoint.P99.TotalMilliseconds:0.00} ms | {endpoint.CpuPerRequest.TotalMicroseconds:0.0} µs | {perRound} | {ratios} |"));
        }

        return table.ToString();
    }

    public string Markdown(DateTimeOffset when)
    {
        var md = new StringBuilder();
        md.AppendLine("# HTTP API: update check against health");
        md.AppendLine();
        md.AppendLine("`GET /api/v1/updates` with 10 and with 50 installed extensions against `GET /api/health` on one standalone");
        md.AppendLine("`scanner serve` server (`StandaloneHost.Build`, in the benchmark's process, on Kestrel; real Azurite and");
        md.AppendLine("`docker-registry`; the extensions pushed to the registry, allow-listed and scanned through the admin API; the");
        md.AppendLine("catalog answered from the in-memory snapshot), loaded with Debian's `wrk` from outside the process.");
        md.AppendLine($"Produced by `{Command}`.");
        md.AppendLine();
        md.AppendLine($"- Date: {when.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        md.AppendLine($"- Machine: {BenchMachine.Description()}");
        md.AppendLine($"- Server GC mode: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, as `scanner serve` and the function app run");
        md.AppendLine($"- Command of each run: `{Wrk.CommandFor("URL")}`");
        md.AppendLine($"- Order: every URL warmed up first ({Wrk.WarmUp.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s each, discarded), then {Rounds} rounds, each");
        md.AppendLine("  running the URLs in the order of the table. req/s and p99 are the medians of the rounds. \"Ratio per round\"");
        md.AppendLine("  divides a URL's req/s by health's in the same round, seconds apart; the ratio is their median, since the");
        md.AppendLine("  machine's speed drifts over a run by more than the endpoints differ.");
        md.AppendLine("- Server CPU per request: the process's CPU time (user + system, every thread: Kestrel, the functions, the");
        md.AppendLine("  background refresh) during the measured runs, divided by the requests they answered; less sensitive to other");
        md.AppendLine("  load on the machine than req/s.");
        md.AppendLine($"- Catalog: {CatalogSize} allow-listed extensions, each with 1.0.0 (`>= 0.2.3`), 1.1.0 (`>= 0.3.0`), 2.0.0 (`>= 0.4.0`);");
        md.AppendLine("  the request asks at `apiVersion=0.3.4` about the first 10 or all 50, half installed at 1.0.0 (update");
        md.AppendLine("  available), half at 1.1.0 (newer version needs a newer Desktop).");
        md.AppendLine("- wrk and the server share the same 2 cores, and the machine was shared with other builds while it ran: the");
        md.AppendLine("  ratio is the meaningful figure, absolute numbers are low bounds.");
        md.AppendLine($"- `/proc/loadavg` just before the first warm-up: `{LoadBefore}`; just after the last run: `{LoadAfter}`");
        md.AppendLine();
        md.Append(Table());
        md.AppendLine();
        md.AppendLine("## wrk summaries (each endpoint's median round)");
        foreach (var endpoint in Endpoints)
        {
            md.AppendLine();
            md.AppendLine($"`{endpoint.Endpoint.Url.AbsoluteUri}`");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(endpoint.MedianRun.Wrk.Raw);
            md.AppendLine("```");
        }

        return md.ToString();
    }
}
