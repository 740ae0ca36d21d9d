using Scanner.Core.Labels;

namespace Scanner.Testing.Registry;

/// <summary>Label sets for seeded images: a complete valid set, and one set per kind of invalid label.</summary>
public static class ExtensionLabelSets
{
    /// <summary>Every required and optional label, well formed. <paramref name="build"/> makes images of one title differ.</summary>
    public static Dictionary<string, string> Valid(string title = "Test Extension", string build = "1") => new(StringComparer.Ordinal)
    {
        [LabelNames.Title] = title,
        [LabelNames.Description] = "An extension pushed by the test seeder",
        [LabelNames.Vendor] = "Scanner Tests",
        [LabelNames.ApiVersion] = ">= 0.3.4",
        [LabelNames.Icon] = "https://example.com/icon.svg",
        [LabelNames.Screenshots] = """[{"alt":"Main view","url":"https://example.com/1.png"}]""",
        [LabelNames.DetailedDescription] = "<p>Detailed description</p>",
        [LabelNames.PublisherUrl] = "https://example.com",
        [LabelNames.Changelog] = "<ul><li>First release</li></ul>",
        [LabelNames.AdditionalUrls] = """[{"title":"Docs","url":"https://example.com/docs"}]""",
        [LabelNames.AccountInfo] = "required",
        [LabelNames.Categories] = "utility-tools",
        ["test.build"] = build,
    };

    /// <summary>Each kind of invalid label: its name, the label it breaks, and the label set.</summary>
    public static IReadOnlyList<InvalidLabelCase> InvalidCases { get; } =
    [
        Case("missing-title", LabelNames.Title, l => l.Remove(LabelNames.Title)),
        Case("blank-vendor", LabelNames.Vendor, l => l[LabelNames.Vendor] = "  "),
        Case("api-version-not-a-range", LabelNames.ApiVersion, l => l[LabelNames.ApiVersion] = "whenever"),
        Case("icon-not-a-url", LabelNames.Icon, l => l[LabelNames.Icon] = "icon.svg"),
        Case("publisher-url-not-http", LabelNames.PublisherUrl, l => l[LabelNames.PublisherUrl] = "ftp://example.com"),
        Case("screenshots-not-json", LabelNames.Screenshots, l => l[LabelNames.Screenshots] = "[{\"alt\":"),
        Case("screenshots-wrong-shape", LabelNames.Screenshots, l => l[LabelNames.Screenshots] = """[{"title":"x"}]"""),
        Case("screenshot-url-not-http", LabelNames.Screenshots, l => l[LabelNames.Screenshots] = """[{"alt":"a","url":"file:///etc/passwd"}]"""),
        Case("additional-urls-wrong-shape", LabelNames.AdditionalUrls, l => l[LabelNames.AdditionalUrls] = """{"title":"x"}"""),
        Case("missing-changelog", LabelNames.Changelog, l => l.Remove(LabelNames.Changelog)),
        Case("labels-over-size-limit", "labels take", l => l[LabelNames.DetailedDescription] = new string('x', ExtensionLabels.MaxTotalBytes + 1)),
    ];

    private static InvalidLabelCase Case(string name, string problemMentions, Action<Dictionary<string, string>> breakIt)
    {
        var labels = Valid("Invalid " + name, name);
        breakIt(labels);
        return new InvalidLabelCase(name, problemMentions, labels);
    }
}
