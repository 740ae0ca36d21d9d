using Scanner.Core.Labels;

namespace Scanner.Core.Tests.Support;

/// <summary>Label dictionaries as extension images carry them.</summary>
internal static class LabelSets
{
    public static Dictionary<string, string> Valid(string apiRange = ">= 0.2.3") => new(StringComparer.Ordinal)
    {
        [LabelNames.Title] = "My Extension",
        [LabelNames.Description] = "Does useful things",
        [LabelNames.Vendor] = "Example Inc.",
        [LabelNames.ApiVersion] = apiRange,
        [LabelNames.Icon] = "https://example.com/icon.svg",
        [LabelNames.Screenshots] = """[{"alt":"Main view","url":"https://example.com/1.png"},{"alt":"Settings","url":"http://example.com/2.png"}]""",
        [LabelNames.DetailedDescription] = "<p>Longer text</p>",
        [LabelNames.PublisherUrl] = "https://example.com",
        [LabelNames.Changelog] = "<p>Fixed things</p>",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> labels, string name, string value)
    {
        labels[name] = value;
        return labels;
    }

    public static Dictionary<string, string> Without(this Dictionary<string, string> labels, string name)
    {
        labels.Remove(name);
        return labels;
    }
}
