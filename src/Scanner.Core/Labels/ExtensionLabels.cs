using System.Text;
using System.Text.Json;
using Scanner.Core.Versions;

namespace Scanner.Core.Labels;

/// <summary>
/// The labels of one extension image and the verdict on them: valid when every required label is present and well
/// formed. Every problem found is kept as a reason a person can act on; reading never throws on registry input.
/// </summary>
public sealed class ExtensionLabels
{
    /// <summary>A label set larger than this is refused: it cannot be stored or served sensibly.</summary>
    public const int MaxTotalBytes = 512 * 1024;

    private ExtensionLabels(IReadOnlyDictionary<string, string> all, ApiVersionRange? apiRange, IReadOnlyList<string> problems)
    {
        All = all;
        ApiRange = apiRange;
        Problems = problems;
    }

    /// <summary>Every label of the image, extension labels or not.</summary>
    public IReadOnlyDictionary<string, string> All { get; }

    public ApiVersionRange? ApiRange { get; }

    public IReadOnlyList<string> Problems { get; }

    public bool IsValid => Problems.Count == 0;

    public string? Title => Get(LabelNames.Title);

    public string? Description => Get(LabelNames.Description);

    public string? Vendor => Get(LabelNames.Vendor);

    public string? Icon => Get(LabelNames.Icon);

    public string? ApiVersionText => Get(LabelNames.ApiVersion);

    public static ExtensionLabels Empty { get; } = Read(new Dictionary<string, string>());

    public static ExtensionLabels Read(IReadOnlyDictionary<string, string>? labels)
    {
        var all = labels is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(labels, StringComparer.Ordinal);
        var problems = new List<string>();

        var totalBytes = 0L;
        foreach (var (key, value) in all)
        {
            totalBytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? string.Empty);
        }

        if (totalBytes > MaxTotalBytes)
        {
            problems.Add($"labels take {totalBytes} bytes, over the {MaxTotalBytes / 1024} KiB limit");
        }

        foreach (var required in LabelNames.Required)
        {
            if (!all.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"missing label {required}");
            }
        }

        ApiVersionRange? range = null;
        if (all.TryGetValue(LabelNames.ApiVersion, out var apiText) && !string.IsNullOrWhiteSpace(apiText) &&
            !ApiVersionRange.TryParse(apiText, out range))
        {
            problems.Add($"{LabelNames.ApiVersion} '{Shorten(apiText)}' is not a version range");
        }

        CheckUrl(all, LabelNames.Icon, problems);
        CheckUrl(all, LabelNames.PublisherUrl, problems);
        CheckLinkArray(all, LabelNames.Screenshots, "alt", problems);
        CheckLinkArray(all, LabelNames.AdditionalUrls, "title", problems);

        return new ExtensionLabels(all, range, problems);
    }

    private string? Get(string name) => All.TryGetValue(name, out var value) ? value : null;

    private static void CheckUrl(Dictionary<string, string> labels, string name, List<string> problems)
    {
        if (labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) && !IsHttpUrl(value))
        {
            problems.Add($"{name} '{Shorten(value)}' is not an absolute http(s) URL");
        }
    }

    // Screenshots are [{alt,url}], additional URLs are [{title,url}]: the same shape with another text field.
    private static void CheckLinkArray(Dictionary<string, string> labels, string name, string textField, List<string> problems)
    {
        if (!labels.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var shape = $"{name} is not a JSON array of {{\"{textField}\":...,\"url\":...}}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            problems.Add(shape + " (not valid JSON)");
            return;
        }
        catch (ArgumentException)
        {
            // A JSON config blob can carry a lone surrogate ("\ud800") into a label; the parser refuses such text.
            problems.Add(shape + " (not valid Unicode text)");
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add(shape);
                return;
            }

            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object ||
                    !item.TryGetProperty(textField, out var text) || text.ValueKind != JsonValueKind.String ||
                    !item.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{shape} (item {index})");
                }
                else if (!IsHttpUrl(url.GetString()))
                {
                    problems.Add($"{name} item {index} url '{Shorten(url.GetString())}' is not an absolute http(s) URL");
                }

                index++;
            }
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        !string.IsNullOrEmpty(uri.Host);

    // Reasons are shown to people and stored: a hostile 500 KiB label must not be copied into them.
    private static string Shorten(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var clean = new StringBuilder(Math.Min(value.Length, 81));
        foreach (var c in value)
        {
            if (clean.Length == 80)
            {
                clean.Append('…');
                break;
            }

            clean.Append(char.IsControl(c) ? '?' : c);
        }

        return clean.ToString();
    }
}
