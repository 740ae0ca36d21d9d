using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Scanner.Testing;

namespace Scanner.Messaging.Tests.Support;

/// <summary>
/// Azurite's table service on a free loopback port, in memory, for this collection. A stop-gap until the shared
/// Azurite fixture lands in Scanner.Testing; it fails loudly when Azurite cannot be started.
/// </summary>
public sealed class AzuriteTableFixture : IAsyncLifetime
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _log = new();
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public TableServiceClient CreateServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        var executable = FindExecutable();
        Port = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        string log;
        lock (_log)
        {
            log = _log.ToString();
        }

        throw new InvalidOperationException($"Azurite table service did not start on port {Port}:\n{log}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SCANNER_AZURITE_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(Path.GetDirectoryName(fromEnvironment)!, "azurite-table")))
        {
            return Path.Combine(Path.GetDirectoryName(fromEnvironment)!, "azurite-table");
        }

        var root = RepositoryRoot();
        var path = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(path))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci") { WorkingDirectory = root, UseShellExecute = false })
                ?? throw new InvalidOperationException("npm could not be started to install Azurite.");
            npm.WaitForExit();
        }

        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Azurite is not installed at {path}; run 'npm ci' in {root}.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Scanner.sln above {AppContext.BaseDirectory}.");
    }
}
