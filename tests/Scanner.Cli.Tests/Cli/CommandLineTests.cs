using System.Text.Json;
using Scanner.Core.Labels;
using Scanner.Cli.Commands;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Cli.Tests.Cli;

[Collection(ScannerCollection.Name)]
public sealed class CommandLineTests(ScannerEnvironment environment)
{
    private string[] Settings(params string[] extra) =>
    [
        $"--AzureWebJobsStorage={environment.Azurite.ConnectionString}",
        $"--Scanner:Storage:TablePrefix=cli{Guid.NewGuid().ToString("N")[..8]}",
        $"--Scanner:Registries:0:Host={environment.Registry.Server.Host}",
        "--Scanner:Registries:0:Insecure=true",
        .. extra,
    ];

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var (code, stdout, _) = await RunAsync("scan", "--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("scanner validate IMAGE[:TAG]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var (code, _, stderr) = await RunAsync("frobnicate");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown command", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_a_valid_image_and_its_api_range()
    {
        var repository = environment.Registry.Seeder.NewRepository("cli-valid");
        var labels = ExtensionLabelSets.Valid("CLI", "1");
        labels[LabelNames.ApiVersion] = ">= 1.4.7, < 2.0";
        await environment.Registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(labels) { Platforms = ["linux/amd64", "linux/arm64"] });

        var (code, stdout, stderr) = await RunAsync(["validate", $"{repository.Value}:1.0.0", .. Settings()]);
        Assert.True(code == ExitCodes.Success, stderr + stdout);
        Assert.Contains("valid      yes", stdout, StringComparison.Ordinal);
        Assert.Contains("linux/amd64, linux/arm64", stdout, StringComparison.Ordinal);

        var (jsonCode, json, _) = await RunAsync(["validate", $"{repository.Value}:1.0.0", "--json", .. Settings()]);
        Assert.Equal(ExitCodes.Success, jsonCode);
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Validate_of_an_invalid_image_exits_1_with_the_reasons()
    {
        var repository = environment.Registry.Seeder.NewRepository("cli-invalid");
        var labels = ExtensionLabelSets.Valid("CLI", "2");
        labels[LabelNames.Screenshots] = "not json";
        labels.Remove(LabelNames.Vendor);
        await environment.Registry.Seeder.PushAsync(repository, "2.0.0", new SeedImage(labels));

        var (code, stdout, _) = await RunAsync(["validate", $"{repository.Value}:2.0.0", .. Settings()]);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("valid      NO", stdout, StringComparison.Ordinal);
        Assert.Contains(LabelNames.Vendor, stdout, StringComparison.Ordinal);
        Assert.Contains(LabelNames.Screenshots, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_of_a_missing_image_exits_3()
    {
        var repository = environment.Registry.Seeder.NewRepository("cli-missing");
        var (code, _, stderr) = await RunAsync(["validate", $"{repository.Value}:9.9.9", .. Settings()]);
        Assert.Equal(ExitCodes.Unreadable, code);
        Assert.Contains(repository.Value, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_of_one_repository_commits_its_versions_and_exits_0()
    {
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "cli-scan");
        var (code, stdout, stderr) = await RunAsync(["scan", "--repository", repository.Value, "--json", .. Settings($"--Scanner:AllowList:0={repository.Value}")]);
        Assert.True(code == ExitCodes.Success, stderr + stdout);
        using var document = JsonDocument.Parse(stdout);
        var report = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("scanned", report.GetProperty("status").GetString());
        Assert.Equal(5, report.GetProperty("versions").GetInt32());
        Assert.Equal(1, report.GetProperty("ignoredTags").GetInt32());
    }

    [Fact]
    public async Task Scan_of_one_repository_reports_its_requests_by_kind_and_pulls()
    {
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "cli-counts");
        var (code, stdout, stderr) = await RunAsync(["scan", "--repository", repository.Value, "--json", .. Settings($"--Scanner:AllowList:0={repository.Value}")]);
        Assert.True(code == ExitCodes.Success, stderr + stdout);
        using var document = JsonDocument.Parse(stdout);
        var report = Assert.Single(document.RootElement.EnumerateArray());
        var requests = report.GetProperty("requests");
        var log = await environment.Registry.Server.AccessLog.ForRepositoryAsync(repository.Path);
        Assert.Equal(log.Count(e => e.Path.EndsWith("/tags/list", StringComparison.Ordinal)), requests.GetProperty("tags").GetInt32());
        Assert.Equal(log.Count(e => e.Method == "HEAD" && e.Path.Contains("/manifests/", StringComparison.Ordinal)), requests.GetProperty("manifestHead").GetInt32());
        Assert.Equal(log.Count(e => e.Method == "GET" && e.Path.Contains("/manifests/", StringComparison.Ordinal)), requests.GetProperty("manifestGet").GetInt32());
        Assert.Equal(log.Count(e => e.Method == "GET" && e.Path.Contains("/blobs/", StringComparison.Ordinal)), requests.GetProperty("blobGet").GetInt32());
        Assert.Equal(requests.GetProperty("manifestGet").GetInt32(), report.GetProperty("pulls").GetInt32());
    }

    [Fact]
    public async Task Scan_waits_for_a_scan_held_elsewhere_then_scans()
    {
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "cli-lease");
        var prefix = $"cli{Guid.NewGuid().ToString("N")[..8]}";
        string[] settings = [.. Settings($"--Scanner:AllowList:0={repository.Value}").Where(a => !a.StartsWith("--Scanner:Storage:TablePrefix", StringComparison.Ordinal)), $"--Scanner:Storage:TablePrefix={prefix}"];

        // A first scan creates the state row; then another worker holds the lease for a few seconds.
        Assert.Equal(ExitCodes.Success, (await RunAsync(["scan", .. settings])).Code);
        await using var server = await ScannerTestServer.StartAsync(environment, storagePrefix: prefix);
        var states = server.Service<Scanner.Application.Scanning.IScanStateStore>();
        var stored = await states.ReadAsync(repository);
        var until = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.NotNull(await states.TryWriteAsync(stored, stored.Bookkeeping with { LeaseOwner = "elsewhere", LeaseUntil = until }));

        var (code, stdout, stderr) = await RunAsync(["scan", "--json", .. settings]);

        Assert.True(code == ExitCodes.Success, stderr + stdout);
        var after = (await states.ReadAsync(repository)).Bookkeeping;
        Assert.True(after.LastStartedAt >= until, $"the scan started at {after.LastStartedAt:O}, inside the lease that ran to {until:O}");
    }

    [Fact]
    public async Task Scan_with_a_failing_repository_exits_1()
    {
        var missing = environment.Registry.Seeder.NewRepository("cli-gone");
        var (code, stdout, _) = await RunAsync(["scan", .. Settings($"--Scanner:AllowList:0={missing.Value}")]);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("FAILED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_table_storage_exits_4_with_the_reason_in_one_line()
    {
        var closedPort = Scanner.Testing.FreePort.Next();
        var (code, _, stderr) = await RunAsync(
            "serve",
            $"--AzureWebJobsStorage=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Scanner.Testing.Azurite.AzuriteFixture.AccountKey};" +
            $"TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;",
            $"--urls=http://127.0.0.1:{Scanner.Testing.FreePort.Next()}",
            "--Logging:LogLevel:Default=None");
        Assert.Equal(ExitCodes.StartFailed, code);
        Assert.StartsWith("scanner: the service could not start: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("AzureWebJobsStorage", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ScannerCommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
