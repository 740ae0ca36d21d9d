using System.Diagnostics;
using System.Reflection;

namespace Scanner.Infra.Tests.Bicep;

/// <summary>
/// The bicep executable of the Azure.Bicep.CommandLine.linux-x64 package, restored into the NuGet cache like any
/// other package. <c>SCANNER_BICEP_PATH</c> overrides it.
/// </summary>
internal sealed class BicepCli
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private BicepCli(string path) => Path = path;

    public string Path { get; }

    public static BicepCli Locate()
    {
        var path = Environment.GetEnvironmentVariable("SCANNER_BICEP_PATH");
        if (string.IsNullOrWhiteSpace(path))
        {
            var packageDirectory = AssemblyMetadata("BicepPackageDirectory");
            if (string.IsNullOrWhiteSpace(packageDirectory))
            {
                throw new InvalidOperationException(
                    "The Azure.Bicep.CommandLine.linux-x64 package path is unknown: restore tests/Scanner.Infra.Tests, or set SCANNER_BICEP_PATH.");
            }

            path = System.IO.Path.Combine(packageDirectory, "tools", "bicep");
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The bicep executable is missing at {path}: restore tests/Scanner.Infra.Tests, or set SCANNER_BICEP_PATH.");
        }

        EnsureExecutable(path);
        return new BicepCli(path);
    }

    /// <summary>The repository's infra folder, as the test project saw it at build time.</summary>
    public static string InfraDirectory()
    {
        var directory = AssemblyMetadata("InfraDirectory");
        if (string.IsNullOrWhiteSpace(directory) || !File.Exists(System.IO.Path.Combine(directory, "main.bicep")))
        {
            throw new InvalidOperationException($"infra/main.bicep not found under '{directory}'.");
        }

        return directory;
    }

    public async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Path}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await standardOutput, await standardError);
    }

    private static string? AssemblyMetadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;

    // NuGet extraction does not always keep the executable bit of files in a package.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
