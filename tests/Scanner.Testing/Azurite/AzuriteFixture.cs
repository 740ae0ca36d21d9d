using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit;

namespace Scanner.Testing.Azurite;

/// <summary>
/// A real Azurite (blob, queue and table) on free loopback ports, persisting to a temporary folder so that
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> simulate an outage: the restart listens on the same ports with
/// the same data. Use it once per test collection; the process tree is killed and the folder deleted on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The emulator's well-known account; its key is public by design.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private const int OutputLinesKept = 40;

    private readonly string location = Path.Combine(Path.GetTempPath(), "scanner-azurite-" + Guid.NewGuid().ToString("N"));
    private readonly Queue<string> output = new();
    private readonly Lock outputLock = new();
    private string? executable;
    private Process? process;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public bool IsRunning => process is { HasExited: false };

    public string TableEndpoint => Endpoint(TablePort);

    public string BlobEndpoint => Endpoint(BlobPort);

    public string QueueEndpoint => Endpoint(QueuePort);

    /// <summary>A full connection string for the three services, as <c>AzureWebJobsStorage</c> takes it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        new(ConnectionString, options ?? new TableClientOptions());

    /// <summary>A queue client; messages are base64 by default, as the Functions host and the app write them.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        new(ConnectionString, options ?? new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    async Task IAsyncLifetime.InitializeAsync()
    {
        executable = AzuriteInstallation.Locate();
        Directory.CreateDirectory(location);

        // A free port can be taken between the probe and Azurite's bind; pick new ports and try again then.
        for (var attempt = 1; ; attempt++)
        {
            BlobPort = FreePort.Next();
            QueuePort = FreePort.Next();
            TablePort = FreePort.Next();
            try
            {
                await StartAsync().ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                KillProcess();
            }
        }
    }

    /// <summary>Starts Azurite again on the same ports and data after <see cref="StopAsync"/>; waits until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var path = executable ?? throw new InvalidOperationException("The fixture is not initialised.");
        lock (outputLock)
        {
            output.Clear();
        }

        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = location,
        };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start.");
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.ErrorDataReceived += (_, e) => Remember(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (started.HasExited)
                {
                    throw new InvalidOperationException(
                        $"Azurite ({path}) exited with code {started.ExitCode} before listening on port {port}:\n{RecentOutput()}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Azurite ({path}) did not listen on port {port} within {StartTimeout.TotalSeconds} s:\n{RecentOutput()}");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops Azurite the way an outage would look to clients (connections refused) while keeping its data: a graceful
    /// SIGTERM lets it flush its database to disk; a kill follows if it does not exit in time.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var running = process;
        if (running is null || running.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await running.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        running.Dispose();
        process = null;
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        KillProcess();
        try
        {
            if (Directory.Exists(location))
            {
                Directory.Delete(location, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; a failing dispose would hide the tests' results.
        }
    }

    /// <summary>The last lines Azurite printed, for failure messages.</summary>
    public string RecentOutput()
    {
        lock (outputLock)
        {
            return string.Join('\n', output);
        }
    }

    private IEnumerable<string> Arguments() =>
    [
        "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        "--location", location,
        "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
    ];

    private static string Endpoint(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputLock)
        {
            output.Enqueue(line);
            while (output.Count > OutputLinesKept)
            {
                output.Dequeue();
            }
        }
    }

    private void KillProcess()
    {
        var running = process;
        process = null;
        if (running is null)
        {
            return;
        }

        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            running.Dispose();
        }
    }
}
