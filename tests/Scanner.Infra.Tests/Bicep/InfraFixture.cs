using System.Text.Json;
using Scanner.Infra.Tests.Repository;
using Scanner.Infra.Tests.Templates;

namespace Scanner.Infra.Tests.Bicep;

/// <summary>
/// Runs bicep once for every test: lint, build of main.bicep, build-params and a deployment snapshot of the
/// example main.bicepparam. It works on a copy of infra/ because a snapshot is written beside its parameters file;
/// host.json is copied beside it, where main.bicep loads it from (../host.json).
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "rg-scanner-test";
    public const string Location = "westeurope";

    private const string HostJson = "host.json";

    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), "scanner-infra-" + Guid.NewGuid().ToString("N"));

    internal BicepRun Lint { get; private set; } = null!;

    internal BicepRun Build { get; private set; } = null!;

    internal BicepRun BuildParams { get; private set; } = null!;

    internal BicepRun Snapshot { get; private set; } = null!;

    /// <summary>The compiled ARM template of main.bicep (modules nested as deployments).</summary>
    internal ArmTemplate Template { get; private set; } = null!;

    /// <summary>The parameter values of the example main.bicepparam.</summary>
    internal JsonElement ExampleParameters { get; private set; }

    /// <summary>What ARM would deploy with the example parameters: every module flattened, expressions evaluated where they can be before deployment.</summary>
    internal DeploymentSnapshot Deployment { get; private set; } = null!;

    internal BicepCli Cli { get; private set; } = null!;

    /// <summary>The function app's settings in the example deployment, by name.</summary>
    internal IReadOnlyDictionary<string, string> AppSettings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cli = BicepCli.Locate();
        var infra = CopyInfra(workDirectory);

        var lint = Cli.RunAsync(infra, ["lint", "main.bicep"]);
        var build = Cli.RunAsync(infra, ["build", "main.bicep", "--stdout"]);
        var buildParams = Cli.RunAsync(infra, ["build-params", "main.bicepparam", "--stdout"]);
        var snapshot = Cli.RunAsync(infra,
        [
            "snapshot", "main.bicepparam", "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location,
        ]);
        await Task.WhenAll(lint, build, buildParams, snapshot);
        (Lint, Build, BuildParams, Snapshot) = (await lint, await build, await buildParams, await snapshot);

        Template = new ArmTemplate(Parse(Build.StandardOutput, Build));
        using (var parametersDocument = JsonDocument.Parse(Parse(BuildParams.StandardOutput, BuildParams).GetProperty("parametersJson").GetString()!))
        {
            ExampleParameters = parametersDocument.RootElement.GetProperty("parameters").Clone();
        }

        var snapshotPath = Path.Combine(infra, "main.snapshot.json");
        if (!File.Exists(snapshotPath))
        {
            throw new InvalidOperationException("bicep snapshot wrote no main.snapshot.json.\n" + Snapshot.Transcript);
        }

        Deployment = new DeploymentSnapshot(Parse(await File.ReadAllTextAsync(snapshotPath), Snapshot));
        AppSettings = Deployment.Single("Microsoft.Web/sites").At("properties.siteConfig.appSettings").EnumerateArray()
            .ToDictionary(setting => setting.GetProperty("name").GetString()!, setting => setting.GetProperty("value").GetString()!);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(workDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Copies infra/ with <paramref name="extraFileName"/> added, for tests that need bicep to see a broken file.</summary>
    internal string CopyInfraWith(string extraFileName, string extraFileContent)
    {
        var infra = CopyInfra(Path.Combine(workDirectory, "variant-" + Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(infra, extraFileName), extraFileContent);
        return infra;
    }

    /// <summary>Lays out <paramref name="root"/> as the repository is: infra/ and host.json beside it.</summary>
    private static string CopyInfra(string root)
    {
        var infra = Path.Combine(root, "infra");
        CopyDirectory(BicepCli.InfraDirectory(), infra);
        File.Copy(RepositoryFiles.PathOf(HostJson), Path.Combine(root, HostJson));
        return infra;
    }

    private static JsonElement Parse(string json, BicepRun run)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException("bicep did not print JSON.\n" + run.Transcript, exception);
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
