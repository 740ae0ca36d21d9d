using Scanner.Application.Scanning;

namespace Scanner.Cli.Commands;

/// <summary>One line on a terminal's stderr, rewritten as repositories finish: done out of total, failures, requests, pulls.</summary>
public sealed class ScanProgress(TextWriter terminal)
{
    private int _done;
    private int _failed;
    private long _requests;
    private long _pulls;

    public void Report(RepositoryScanReport report, int total)
    {
        ArgumentNullException.ThrowIfNull(report);
        _done++;
        if (report.Status != RepositoryScanStatus.Scanned)
        {
            _failed++;
        }

        _requests += report.Requests.Total;
        _pulls += report.Requests.Pulls;
        terminal.Write($"\rscanning: {_done}/{total} repositories done, {_failed} failed, {_requests} requests, {_pulls} pulls ");
    }

    public void Finish() => terminal.WriteLine();
}
