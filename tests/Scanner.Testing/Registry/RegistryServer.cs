using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Scanner.Testing.Registry;

/// <summary>
/// The Debian <c>docker-registry</c> binary (distribution 2.8) on a free loopback port, with filesystem storage in a
/// temporary folder, deletes enabled and its access log captured; optionally behind htpasswd Basic auth or token auth.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Username = "scanner";

    public const string Password = "s3cret-for-tests";

    private const string DefaultBinary = "/usr/bin/docker-registry";
    private const int KeptLogLines = 400;

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _log = new();

    private RegistryServer(Process process, string directory, int port, RegistryAuthMode auth, TokenIssuer? tokenIssuer)
    {
        _process = process;
        _directory = directory;
        Auth = auth;
        TokenIssuer = tokenIssuer;
        Host = $"127.0.0.1:{port}";
        BaseUri = new Uri($"http://{Host}");
    }

    /// <summary>Registry name for repository names: <c>127.0.0.1:{port}</c>.</summary>
    public string Host { get; }

    public Uri BaseUri { get; }

    public RegistryAuthMode Auth { get; }

    /// <summary>The token service, when <see cref="Auth"/> is <see cref="RegistryAuthMode.Token"/>.</summary>
    public TokenIssuer? TokenIssuer { get; }

    public RegistryAccessLog AccessLog { get; } = new();

    /// <summary>The registry's own log (last lines), for failure messages.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _log);

    /// <summary>Path of the binary: <c>SCANNER_REGISTRY_PATH</c>, else the Debian package's.</summary>
    public static string BinaryPath =>
        Environment.GetEnvironmentVariable("SCANNER_REGISTRY_PATH") is { Length: > 0 } path ? path : DefaultBinary;

    public static async Task<RegistryServer> StartAsync(RegistryAuthMode auth = RegistryAuthMode.None, CancellationToken cancellationToken = default)
    {
        var binary = BinaryPath;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"The registry binary {binary} is missing: run `sudo apt-get install -y docker-registry` (or set SCANNER_REGISTRY_PATH).");
        }

        var directory = Directory.CreateTempSubdirectory("scanner-registry-").FullName;
        var port = FreePort.Next();
        TokenIssuer? issuer = null;
        var authSection = string.Empty;
        switch (auth)
        {
            case RegistryAuthMode.Basic:
                // Cost 4 (the minimum): the registry checks the hash on every request.
                var hash = BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 4);
                await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), $"{Username}:{hash}\n", cancellationToken).ConfigureAwait(false);
                authSection = $"""
                    auth:
                      htpasswd:
                        realm: scanner-test
                        path: {Path.Combine(directory, "htpasswd")}
                    """;
                break;
            case RegistryAuthMode.Token:
                issuer = await TokenIssuer.StartAsync(Username, Password).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(directory, "token.pem"), issuer.CertificatePem, cancellationToken).ConfigureAwait(false);
                authSection = $"""
                    auth:
                      token:
                        realm: {issuer.Realm}
                        service: {TokenIssuer.Service}
                        issuer: {TokenIssuer.Issuer}
                        rootcertbundle: {Path.Combine(directory, "token.pem")}
                    """;
                break;
        }

        var config = $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {authSection}
            """;
        var configPath = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(configPath, config, cancellationToken).ConfigureAwait(false);

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(binary)
            {
                ArgumentList = { "serve", configPath },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        var server = new RegistryServer(process, directory, port, auth, issuer);
        process.OutputDataReceived += (_, e) => server.Receive(e.Data, accessLog: true);
        process.ErrorDataReceived += (_, e) => server.Receive(e.Data, accessLog: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>The <c>Authorization</c> the seeder sends to push to <paramref name="repositoryPath"/>.</summary>
    public AuthenticationHeaderValue? PushAuthorization(string repositoryPath) => Auth switch
    {
        RegistryAuthMode.Basic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"))),
        RegistryAuthMode.Token => new AuthenticationHeaderValue("Bearer", TokenIssuer!.CreateToken(Username, [$"repository:{repositoryPath}:pull,push,delete"])),
        _ => null,
    };

    private void Receive(string? line, bool accessLog)
    {
        if (line is null)
        {
            return;
        }

        if (accessLog)
        {
            AccessLog.Add(line);
        }

        _log.Enqueue(line);
        while (_log.Count > KeptLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode}:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/v2/"), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"docker-registry did not answer on {BaseUri} within 20 s:{Environment.NewLine}{RecentLog}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        if (TokenIssuer is not null)
        {
            await TokenIssuer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the test result matters more.
        }
    }
}
