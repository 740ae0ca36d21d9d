using System.Diagnostics;

namespace Scanner.Testing.Azurite;

/// <summary>
/// Finds the Azurite executable: <c>SCANNER_AZURITE_PATH</c> (set by <c>build.sh</c>), else
/// <c>{repository root}/node_modules/.bin/azurite</c>, running <c>npm ci</c> there first when node_modules is missing.
/// Fails loudly, with the command to run, when neither works: tests never skip for a missing dependency.
/// </summary>
public static class AzuriteInstallation
{
    public const string PathVariable = "SCANNER_AZURITE_PATH";

    // Test projects run in parallel processes: one npm ci at a time, the others wait and then find it installed.
    private static readonly string InstallLockPath = Path.Combine(Path.GetTempPath(), "scanner-azurite-npm-ci.lock");

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable} is '{configured}', which does not exist. Run `npm ci` in the repository root.");
        }

        var root = RepositoryRoot.Find();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        using (AcquireInstallLock())
        {
            if (!File.Exists(executable))
            {
                RunNpmCi(root);
            }
        }

        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"`npm ci` in {root} did not install {executable}. Check package.json pins azurite.");
    }

    private static void RunNpmCi(string root)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Azurite is not installed and npm is not available to install it. Install Node.js, then run `npm ci` in {root}.", ex);
        }

        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEnd();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                npm.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"`npm ci` in {root} took over 5 minutes; run it by hand.");
            }

            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`npm ci` in {root} failed with exit code {npm.ExitCode}; run it by hand to install Azurite.\n{output.Result}\n{error}");
            }
        }
    }

    private static FileStream AcquireInstallLock()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(InstallLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
