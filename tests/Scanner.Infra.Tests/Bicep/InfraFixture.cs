using System.Text.Json;
using Scanner.Infra.Tests.Templates;

namespace Scanner.Infra.Tests.Bicep;

/// <summary>
/// Runs bicep once for every test: lint, build of main.bicep, build-params and a deployment snapshot of the
/// example main.bicepparam. It works on a copy of infra/ because a snapshot is written beside its parameters file.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "rg-scanner-test";
    public const string Location = "westeurope";

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
        CopyDirectory(BicepCli.InfraDirectory(), workDirectory);

        var lint = Cli.RunAsync(workDirectory, ["lint", "main.bicep"]);
        var build = Cli.RunAsync(workDirectory, ["build", "main.bicep", "--stdout"]);
        var buildParams = Cli.RunAsync(workDirectory, ["build-params", "main.bicepparam", "--stdout"]);
        var snapshot = Cli.RunAsync(workDirectory,
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

        var snapshotPath = Path.Combine(workDirectory, "main.snapshot.json");
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

    /// <summary>Copies infra/ with <paramref name="extraFile"/> added, for tests that need bicep to see a broken file.</summary>
    internal string CopyInfraWith(string extraFileName, string extraFileContent)
    {
        var directory = Path.Combine(workDirectory, "variant-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(BicepCli.InfraDirectory(), directory);
        File.WriteAllText(Path.Combine(directory, extraFileName), extraFileContent);
        return directory;
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
