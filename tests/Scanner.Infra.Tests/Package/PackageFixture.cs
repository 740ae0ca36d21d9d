using System.Diagnostics;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Package;

/// <summary>
/// Runs <c>./build.sh package</c> once for every test (a self-contained publish takes minutes) and reads the zip it
/// writes. A failed build fails every package test with the script's output.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string ZipPath = "artifacts/functionapp.zip";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    internal FunctionAppPackage Package { get; private set; } = null!;

    /// <summary>What the build printed, kept for assertion messages.</summary>
    internal string Transcript { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("./build.sh");
        startInfo.ArgumentList.Add("package");

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start ./build.sh package.");
        using var timeout = new CancellationTokenSource(BuildTimeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./build.sh package did not finish within {BuildTimeout}.");
        }

        Transcript = $"$ ./build.sh package\nexit code {process.ExitCode}\n--- stdout\n{await standardOutput}\n--- stderr\n{await standardError}";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("./build.sh package failed.\n" + Transcript);
        }

        Package = FunctionAppPackage.Read(RepositoryFiles.PathOf(ZipPath));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
