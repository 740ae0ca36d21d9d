using System.Diagnostics;

namespace Scanner.Functions.Bench.Wrk;

/// <summary>Runs Debian's <c>wrk</c> against one URL: a warm-up run (discarded) or a measured run.</summary>
public sealed class WrkRunner
{
    public const string Binary = "wrk";

    public int Threads { get; init; } = 2;

    public int Connections { get; init; } = 64;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for tiered compilation to have finished with the URL's code path.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The measured command line, for the report; the URL stands last.</summary>
    public string CommandFor(string url) => $"{Binary} {string.Join(' ', Arguments(Duration, url))}";

    public async Task WarmUpAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await RunAsync(Arguments(WarmUp, url.AbsoluteUri), cancellationToken);
    }

    public async Task<WrkSummary> MeasureAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var summary = WrkSummary.Parse(await RunAsync(Arguments(Duration, url.AbsoluteUri), cancellationToken));
        if (summary.FailedResponses > 0)
        {
            throw new InvalidOperationException($"{summary.FailedResponses} responses to {url} were not 2xx/3xx:\n{summary.Raw}");
        }

        return summary;
    }

    private string[] Arguments(TimeSpan duration, string url) =>
        [$"-t{Threads}", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", url];

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("wrk is missing: run `sudo apt-get install -y wrk`.", e);
        }

        using var running = process ?? throw new InvalidOperationException("wrk did not start.");
        var output = running.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = running.StandardError.ReadToEndAsync(cancellationToken);
        await running.WaitForExitAsync(cancellationToken);
        if (running.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {running.ExitCode}: {await error}");
        }

        return await output;
    }
}
