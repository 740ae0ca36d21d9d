using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Scanner.Testing.Registry;

/// <summary>
/// The registry's access log (combined format on its stdout), parsed as it is written. Counts are taken after the
/// registry went quiet: it writes a line only once the response is complete.
/// </summary>
public sealed partial class RegistryAccessLog
{
    private readonly ConcurrentQueue<AccessLogEntry> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<AccessLogEntry> Entries => _entries.ToArray();

    internal void Add(string line)
    {
        var match = LinePattern().Match(line);
        if (match.Success)
        {
            _entries.Enqueue(new AccessLogEntry(match.Groups["method"].Value, match.Groups["target"].Value, int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Entries for one repository path (<c>/v2/{path}/...</c>) written after <paramref name="mark"/> (an earlier <see cref="Count"/>).</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ForRepositoryAsync(string path, int mark = 0)
    {
        await WaitForQuietAsync().ConfigureAwait(false);
        var prefix = $"/v2/{path}/";
        return Entries.Skip(mark).Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Waits until no line arrived for a short while.</summary>
    public async Task WaitForQuietAsync()
    {
        var last = -1;
        for (var i = 0; i < 50 && last != Count; i++)
        {
            last = Count;
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    [GeneratedRegex("\"(?<method>[A-Z]+) (?<target>\\S+) HTTP/[0-9.]+\" (?<status>[0-9]{3}) ")]
    private static partial Regex LinePattern();
}
