using System.Text.RegularExpressions;

namespace Scanner.Infra.Tests.Bicep;

/// <summary>What one bicep command printed and how it exited.</summary>
internal sealed partial record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostic lines (<c>file(line,col) : Warning rule: message</c>) from either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (StandardOutput + "\n" + StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => DiagnosticLine().IsMatch(line))
            .ToList();

    /// <summary>Everything the command printed, for assertion messages.</summary>
    public string Transcript => $"$ bicep {Command}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";

    [GeneratedRegex(@"\) : (Error|Warning|Info) ")]
    private static partial Regex DiagnosticLine();
}
