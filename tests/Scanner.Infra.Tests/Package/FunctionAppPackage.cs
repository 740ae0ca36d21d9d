using System.IO.Compression;
using System.Text.Json;

namespace Scanner.Infra.Tests.Package;

/// <summary>artifacts/functionapp.zip as read back: every entry, and the JSON files (functions.metadata among them) parsed.</summary>
internal sealed class FunctionAppPackage
{
    public const string HostJson = "host.json";
    public const string FunctionsMetadata = "functions.metadata";
    public const string WorkerConfig = "worker.config.json";
    public const string ExtensionsJson = "extensions.json";

    /// <summary>The folder the Worker SDK writes the host-side trigger extensions to.</summary>
    public const string ExtensionsFolder = ".azurefunctions";

    private readonly Dictionary<string, JsonElement> json;

    private FunctionAppPackage(IReadOnlyList<PackageEntry> entries, Dictionary<string, JsonElement> json)
    {
        Entries = entries;
        this.json = json;
    }

    public IReadOnlyList<PackageEntry> Entries { get; }

    /// <summary>The package's file list, one entry a line (size, path), for the closing note and assertion messages.</summary>
    public string Listing => string.Join('\n', Entries.Select(entry => entry.ToString()));

    /// <summary>The functions the Worker SDK found in the app, as the host will load them.</summary>
    public IReadOnlyList<FunctionMetadata> Functions =>
        Json(FunctionsMetadata).EnumerateArray().Select(function => new FunctionMetadata(function)).ToList();

    public static FunctionAppPackage Read(string zipPath)
    {
        var entries = new List<PackageEntry>();
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries)
        {
            entries.Add(new PackageEntry(entry.FullName, entry.Length));
            if (entry.FullName.EndsWith(".json", StringComparison.Ordinal) || entry.FullName == FunctionsMetadata)
            {
                using var stream = entry.Open();
                using var document = JsonDocument.Parse(stream);
                json[entry.FullName] = document.RootElement.Clone();
            }
        }

        return new FunctionAppPackage(entries.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList(), json);
    }

    public PackageEntry? Find(string path) => Entries.FirstOrDefault(entry => entry.Path == path);

    public JsonElement Json(string path) =>
        json.TryGetValue(path, out var element) ? element : throw new InvalidOperationException($"{path} is not in the package:\n{Listing}");
}
