using System.Globalization;
using System.Text;
using Scanner.Core.Scanning;

namespace Scanner.Registry.Tests.Support;

/// <summary>Request counts by kind, side by side, for test output that can be quoted.</summary>
internal static class CountTable
{
    public static readonly string[] Kinds = ["tags", "manifest_head", "manifest_get", "blob_get", "token"];

    public static Dictionary<string, long> ByKind(RegistryRequestCounts counts) => new()
    {
        ["tags"] = counts.TagsPage,
        ["manifest_head"] = counts.ManifestHead,
        ["manifest_get"] = counts.ManifestGet,
        ["blob_get"] = counts.BlobGet,
        ["token"] = counts.Token,
    };

    public static string Format(params (string Name, IReadOnlyDictionary<string, long> Counts)[] columns)
    {
        var width = Math.Max(12, columns.Max(c => c.Name.Length));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"kind",-14}");
        foreach (var column in columns)
        {
            text.Append(" | ").Append(column.Name.PadLeft(width));
        }

        text.AppendLine();
        foreach (var kind in Kinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{kind,-14}");
            foreach (var column in columns)
            {
                text.Append(" | ").Append(column.Counts.GetValueOrDefault(kind).ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
