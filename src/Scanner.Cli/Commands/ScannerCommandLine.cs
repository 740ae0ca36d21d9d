using Scanner.Cli.Standalone;

namespace Scanner.Cli.Commands;

/// <summary>
/// <c>scanner serve | scan | validate</c> (DESIGN.md section 9). Arguments it does not know go to
/// configuration, so <c>--urls</c> and <c>--Scanner:ScanSchedule=...</c> work as in any ASP.NET Core app.
/// </summary>
public static class ScannerCommandLine
{
    public const string Usage = """
        scanner: Extension Update Scanner

        usage:
          scanner [serve] [--urls URL]            run the functions standalone on http://localhost:7071: HTTP on
                                                  Kestrel, timers on their schedules, queue triggers on Azurite
          scanner scan [--repository R] [--json]  one scan cycle over the allow-list (or one repository), then exit
          scanner validate IMAGE[:TAG] [--json]   read one image's labels and say whether it is a valid extension
          scanner [COMMAND] --help                this text

        Settings come from local.settings.json (Values), environment variables and --Key=Value arguments:
          AzureWebJobsStorage, ServiceBusConnection, Scanner__AllowList__N, Scanner__Registries__N__Host, ...

        exit codes: 0 success; 1 a repository failed to scan, or the image is not a valid extension;
                    2 usage error; 3 the image could not be read; 4 the service could not start
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, Action<HostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (command)
        {
            case "serve":
                return await ServeAsync(rest, stderr).ConfigureAwait(false);
            case "scan":
                return await ScanCommand.RunAsync(rest, stdout, stderr, configure).ConfigureAwait(false);
            case "validate":
                return await ValidateCommand.RunAsync(rest, stdout, stderr, configure).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync($"unknown command: {string.Join(' ', args)}\n\n{Usage}").ConfigureAwait(false);
                return ExitCodes.Usage;
        }
    }

    private static async Task<int> ServeAsync(string[] args, TextWriter stderr)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = StandaloneHost.Build(args);
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host has logged the details; the person who started it gets the reason in one line.
            await stderr.WriteLineAsync($"scanner: the service could not start: {e.Message}").ConfigureAwait(false);
            return ExitCodes.StartFailed;
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Takes <c>--name value</c> out of the arguments; the rest are left for configuration.</summary>
    internal static string? TakeOption(ref string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0 || index == args.Length - 1)
        {
            return null;
        }

        var value = args[index + 1];
        args = [.. args[..index], .. args[(index + 2)..]];
        return value;
    }

    internal static bool TakeFlag(ref string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return false;
        }

        args = [.. args[..index], .. args[(index + 1)..]];
        return true;
    }
}
