using System.Diagnostics;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Package;

/// <summary>
/// Runs <c>./build.sh package</c> once for every test and reads the zip it writes. A failed build fails the tests
/// that read the package, with the script's output, and leaves the template tests of the same collection alone.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string ZipPath = "artifacts/functionapp.zip";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private FunctionAppPackage? package;
    private string failure = "./build.sh package has not run.";

    internal FunctionAppPackage Package => package ?? throw new InvalidOperationException(failure);

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
            failure = $"./build.sh package did not finish within {BuildTimeout}.";
            return;
        }

        var transcript = $"$ ./build.sh package\nexit code {process.ExitCode}\n--- stdout\n{await standardOutput}\n--- stderr\n{await standardError}";
        if (process.ExitCode != 0)
        {
            failure = "./build.sh package failed.\n" + transcript;
            return;
        }

        package = FunctionAppPackage.Read(RepositoryFiles.PathOf(ZipPath));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
