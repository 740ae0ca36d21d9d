using System.Text;
using System.Text.Json;
using Scanner.Core.Serialization;
using Scanner.Core.Versions;

namespace Scanner.Core.Labels;

/// <summary>
/// The labels of one extension image and the verdict on them: valid when every required label is present and well
/// formed. Every problem found is kept as a reason a person can act on; reading never throws on registry input.
/// </summary>
public sealed class ExtensionLabels
{
    /// <summary>
    /// The largest label set accepted, measured as <see cref="MeasureBytes"/> does: the UTF-8 JSON the version record
    /// carries it in (escapes included). A larger set makes the version invalid and is not kept (<see cref="All"/> is
    /// empty), so no adapter has to decide about it again.
    /// </summary>
    /// <remarks>
    /// Chosen so that every record the domain accepts fits one Table Storage row and one change-feed row: a row holds
    /// at most 1 MiB, stored as gzip in 64 KiB binary chunks, of which 15 (960 KiB) leave room for keys and the other
    /// properties. A record's JSON is at most 448 KiB of labels, plus the API range text copied from one of them (at
    /// most 448 KiB again), plus its reasons (bounded: each quotes at most 80 characters, and a link array reports at
    /// most <see cref="MaxItemProblemsPerLabel"/> items) and fixed fields (about 1 KiB): about 910 KiB. Gzip never grows
    /// its input by more than about 0.1% (it falls back to stored blocks), so even incompressible labels stay under 960
    /// KiB. A version row and its event's outbox row travel in one transaction: 2 x 960 KiB as base64 is 2.5 MiB, under
    /// the 3 MiB the batcher allows and the service's 4 MiB. Platforms come from the manifest, not the labels, and are
    /// not counted here.
    /// </remarks>
    public const int MaxTotalBytes = 448 * 1024;

    /// <summary>Malformed items of one link-array label reported one by one; the rest are counted in one reason.</summary>
    public const int MaxItemProblemsPerLabel = 5;

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

        var totalBytes = MeasureBytes(all);
        var tooLarge = totalBytes > MaxTotalBytes;
        if (tooLarge)
        {
            problems.Add($"labels take {totalBytes} bytes, over the {MaxTotalBytes / 1024} KiB limit, and are not kept");
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

        // The other checks still ran on the whole set, so the reasons say everything that is wrong with it.
        return tooLarge
            ? new ExtensionLabels(new Dictionary<string, string>(StringComparer.Ordinal), null, problems)
            : new ExtensionLabels(all, range, problems);
    }

    /// <summary>The size of <paramref name="labels"/> as the JSON object a version record stores and sends.</summary>
    public static long MeasureBytes(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var counter = new ByteCounter();
        using (var writer = new Utf8JsonWriter(counter))
        {
            JsonSerializer.Serialize(writer, labels as Dictionary<string, string> ?? new Dictionary<string, string>(labels, StringComparer.Ordinal), CoreJsonContext.Default.DictionaryStringString);
        }

        return counter.Count;
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

            // A hostile array of thousands of bad items must not make thousands of reasons: the record keeps them all.
            var index = 0;
            var reported = 0;
            var unreported = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                string? problem = null;
                if (item.ValueKind != JsonValueKind.Object ||
                    !item.TryGetProperty(textField, out var text) || text.ValueKind != JsonValueKind.String ||
                    !item.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    problem = $"{shape} (item {index})";
                }
                else if (!IsHttpUrl(url.GetString()))
                {
                    problem = $"{name} item {index} url '{Shorten(url.GetString())}' is not an absolute http(s) URL";
                }

                if (problem is not null && reported < MaxItemProblemsPerLabel)
                {
                    problems.Add(problem);
                    reported++;
                }
                else if (problem is not null)
                {
                    unreported++;
                }

                index++;
            }

            if (unreported > 0)
            {
                problems.Add($"{name} has {unreported} more malformed items");
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
