using System.IO.Compression;
using System.Text.Json;

namespace Scanner.Infra.Tests.Package;

/// <summary>artifacts/functionapp.zip as read back: every entry, the JSON files parsed, the first bytes of each file.</summary>
internal sealed class FunctionAppPackage
{
    private const int HeaderLength = 20;

    private readonly Dictionary<string, JsonElement> json;
    private readonly Dictionary<string, byte[]> headers;

    private FunctionAppPackage(IReadOnlyList<PackageEntry> entries, Dictionary<string, JsonElement> json, Dictionary<string, byte[]> headers)
    {
        Entries = entries;
        this.json = json;
        this.headers = headers;
    }

    public IReadOnlyList<PackageEntry> Entries { get; }

    /// <summary>The package's file list, one entry a line (mode, size, path), for the closing note and assertion messages.</summary>
    public string Listing => string.Join('\n', Entries.Select(entry => entry.ToString()));

    public static FunctionAppPackage Read(string zipPath)
    {
        var entries = new List<PackageEntry>();
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var headers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries)
        {
            entries.Add(new PackageEntry(entry.FullName, (entry.ExternalAttributes >> 16) & 0xFFFF, entry.Length));
            using var stream = entry.Open();
            if (entry.FullName.EndsWith(".json", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(stream);
                json[entry.FullName] = document.RootElement.Clone();
            }
            else
            {
                var header = new byte[HeaderLength];
                stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
                headers[entry.FullName] = header;
            }
        }

        return new FunctionAppPackage(entries.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList(), json, headers);
    }

    public PackageEntry? Find(string path) => Entries.FirstOrDefault(entry => entry.Path == path);

    public JsonElement Json(string path) =>
        json.TryGetValue(path, out var element) ? element : throw new InvalidOperationException($"{path} is not in the package:\n{Listing}");

    public ReadOnlySpan<byte> Header(string path) =>
        headers.TryGetValue(path, out var header) ? header : throw new InvalidOperationException($"{path} is not a binary file of the package:\n{Listing}");
}
