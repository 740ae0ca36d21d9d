using Scanner.Application.Scanning;

namespace Scanner.Cli.Commands;

/// <summary>One line on a terminal's stderr, rewritten as repositories finish: done out of total, failures.</summary>
public sealed class ScanProgress(TextWriter terminal)
{
    private int _done;
    private int _failed;

    public void Report(RepositoryScanReport report, int total)
    {
        ArgumentNullException.ThrowIfNull(report);
        _done++;
        if (report.Status != RepositoryScanStatus.Scanned)
        {
            _failed++;
        }

        terminal.Write($"\rscanning: {_done}/{total} repositories done, {_failed} failed ");
    }

    public void Finish() => terminal.WriteLine();
}
