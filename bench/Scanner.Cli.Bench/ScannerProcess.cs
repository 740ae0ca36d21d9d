using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Scanner.Testing;
using Scanner.Testing.Azurite;

namespace Scanner.Cli.Bench;

/// <summary>
/// One <c>scanner serve</c> process, the built executable, configured through environment variables as an operator
/// would, against Azurite, on tables of <paramref name="tablePrefix"/>, from an empty working directory (so no
/// <c>local.settings.json</c> is read).
/// </summary>
public sealed class ScannerProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly string _workingDirectory;

    private ScannerProcess(Process process, string workingDirectory, Uri baseAddress, Stopwatch sinceStart)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
        SinceStart = sinceStart;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string Executable { get; } = typeof(ScannerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ScannerExecutable").Value!;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Started just before the process.</summary>
    public Stopwatch SinceStart { get; }

    public static ScannerProcess Start(AzuriteFixture azurite, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: build bench/Scanner.Cli.Bench (it builds src/Scanner.Cli).");
        }

        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var workingDirectory = Directory.CreateTempSubdirectory("scanner-bench-").FullName;
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("serve");
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["Scanner__Storage__TablePrefix"] = tablePrefix;
        start.Environment["Scanner__Storage__QueuePrefix"] = tablePrefix;
        start.Environment["Scanner__Subscribers__TableNamePrefix"] = tablePrefix;
        start.Environment["Scanner__ApiKeys__Function"] = "bench-function-key-0123456789";
        start.Environment["Scanner__ApiKeys__Admin"] = "bench-admin-key-0123456789";
        // No timer scan during the measurement.
        start.Environment["Scanner__ScanSchedule"] = "0 0 0 1 1 *";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ScannerProcess(process, workingDirectory, new Uri($"http://127.0.0.1:{port}/"), sinceStart);
    }

    /// <summary>Polls <c>/api/health</c> every 10 ms; the time from the start of the process to its first 200.</summary>
    public async Task<TimeSpan> WaitForHealthAsync(CancellationToken cancellationToken = default)
    {
        using var poller = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (SinceStart.Elapsed < Patience)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"scanner serve exited with {_process.ExitCode} before answering.");
            }

            try
            {
                using var response = await poller.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return SinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"scanner serve did not answer 200 on /api/health within {Patience}.");
    }

    /// <summary>Resident and peak resident set of the process (<c>VmRSS</c>, <c>VmHWM</c> of <c>/proc/PID/status</c>), in bytes.</summary>
    public (long Resident, long Peak) Memory()
    {
        long Read(string field) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024)
            .Single();
        return (Read("VmRSS"), Read("VmHWM"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
