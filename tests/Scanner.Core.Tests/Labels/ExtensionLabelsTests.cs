using Scanner.Core.Labels;
using Scanner.Core.Tests.Support;

namespace Scanner.Core.Tests.Labels;

public class ExtensionLabelsTests
{
    [Fact]
    public void A_complete_well_formed_set_is_valid()
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid(">= 1.4.7, < 2.0").With("org.example.unrelated", "kept"));

        Assert.True(labels.IsValid);
        Assert.Empty(labels.Problems);
        Assert.Equal("My Extension", labels.Title);
        Assert.Equal("Does useful things", labels.Description);
        Assert.Equal("Example Inc.", labels.Vendor);
        Assert.Equal("https://example.com/icon.svg", labels.Icon);
        Assert.Equal(">= 1.4.7, < 2.0", labels.ApiVersionText);
        Assert.Equal(">=1.4.7 <2.0.0-0", labels.ApiRange?.ToString());
        Assert.Equal("kept", labels.All["org.example.unrelated"]);
    }

    public static TheoryData<string> RequiredLabels => new(LabelNames.Required);

    [Theory]
    [MemberData(nameof(RequiredLabels))]
    public void Each_missing_required_label_is_reported(string name)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().Without(name));

        Assert.False(labels.IsValid);
        Assert.Equal([$"missing label {name}"], labels.Problems);
    }

    [Theory]
    [MemberData(nameof(RequiredLabels))]
    public void A_blank_required_label_counts_as_missing(string name)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(name, "  "));

        Assert.Equal([$"missing label {name}"], labels.Problems);
    }

    [Fact]
    public void No_labels_at_all_reports_every_required_label_in_order()
    {
        var labels = ExtensionLabels.Read(null);

        Assert.False(labels.IsValid);
        Assert.Equal(LabelNames.Required.Select(n => $"missing label {n}"), labels.Problems);
        Assert.Empty(labels.All);
        Assert.Equal(labels.Problems, ExtensionLabels.Empty.Problems);
    }

    [Theory]
    [InlineData(">= banana")]
    [InlineData(">=")]
    [InlineData("1.2.3.4")]
    [InlineData("||")]
    [InlineData("latest")]
    public void An_unparsable_api_range_is_reported_and_gives_no_range(string apiRange)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid(apiRange));

        Assert.False(labels.IsValid);
        Assert.Null(labels.ApiRange);
        Assert.Equal([$"{LabelNames.ApiVersion} '{apiRange}' is not a version range"], labels.Problems);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[{\"alt\":\"a\",", "not valid JSON")]
    [InlineData("{\"alt\":\"a\",\"url\":\"https://e.com/a.png\"}", "is not a JSON array")]
    [InlineData("\"https://e.com/a.png\"", "is not a JSON array")]
    [InlineData("42", "is not a JSON array")]
    [InlineData("null", "is not a JSON array")]
    [InlineData("[\"https://e.com/a.png\"]", "(item 0)")]
    [InlineData("[{\"url\":\"https://e.com/a.png\"}]", "(item 0)")]
    [InlineData("[{\"alt\":\"a\"}]", "(item 0)")]
    [InlineData("[{\"alt\":\"a\",\"url\":\"https://e.com/a.png\"},{\"alt\":1,\"url\":\"https://e.com/b.png\"}]", "(item 1)")]
    [InlineData("[{\"alt\":\"a\",\"url\":null}]", "(item 0)")]
    [InlineData("[{\"ALT\":\"a\",\"URL\":\"https://e.com/a.png\"}]", "(item 0)")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "not valid JSON")]
    public void Screenshots_must_be_a_json_array_of_alt_and_url(string screenshots, string reason)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Screenshots, screenshots));

        Assert.False(labels.IsValid);
        var problem = Assert.Single(labels.Problems);
        Assert.StartsWith(LabelNames.Screenshots, problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Screenshots_with_a_lone_surrogate_are_reported_not_thrown()
    {
        // Built at run time: a lone surrogate does not survive xunit's serialisation of test case arguments.
        var screenshots = "[{\"alt\":\"a\",\"url\":\"" + '\ud800' + "\"}]";
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Screenshots, screenshots));

        var problem = Assert.Single(labels.Problems);
        Assert.EndsWith("(not valid Unicode text)", problem, StringComparison.Ordinal);
    }

    public static TheoryData<string> NotHttpUrls => new()
    {
        "/icon.png",
        "icon.png",
        "//example.com/icon.png",
        "ftp://example.com/icon.png",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "mailto:someone@example.com",
        "https://",
        "http:/example.com",
        "https://exa mple.com/x",
    };

    [Theory]
    [MemberData(nameof(NotHttpUrls))]
    public void The_icon_must_be_an_absolute_http_url(string url)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Icon, url));

        var problem = Assert.Single(labels.Problems);
        Assert.StartsWith($"{LabelNames.Icon} '", problem, StringComparison.Ordinal);
        Assert.EndsWith("is not an absolute http(s) URL", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotHttpUrls))]
    public void The_publisher_url_must_be_an_absolute_http_url(string url)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.PublisherUrl, url));

        var problem = Assert.Single(labels.Problems);
        Assert.StartsWith($"{LabelNames.PublisherUrl} '", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotHttpUrls))]
    public void Screenshot_urls_must_be_absolute_http_urls(string url)
    {
        var screenshots = $$"""[{"alt":"ok","url":"https://e.com/a.png"},{"alt":"bad","url":{{System.Text.Json.JsonSerializer.Serialize(url)}}}]""";
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Screenshots, screenshots));

        var problem = Assert.Single(labels.Problems);
        Assert.StartsWith($"{LabelNames.Screenshots} item 1 url '", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM/Icon.PNG")]
    [InlineData("https://127.0.0.1:8443/icon.png?size=2")]
    public void Absolute_http_and_https_urls_are_accepted(string url)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Icon, url).With(LabelNames.PublisherUrl, url));

        Assert.True(labels.IsValid, string.Join("; ", labels.Problems));
    }

    [Fact]
    public void Optional_labels_may_be_absent()
    {
        var labels = LabelSets.Valid();
        Assert.All(LabelNames.Optional, name => Assert.False(labels.ContainsKey(name)));
        Assert.True(ExtensionLabels.Read(labels).IsValid);
    }

    [Fact]
    public void Well_formed_optional_labels_keep_the_set_valid()
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid()
            .With(LabelNames.AdditionalUrls, """[{"title":"Docs","url":"https://example.com/docs"}]""")
            .With(LabelNames.AccountInfo, "required")
            .With(LabelNames.Categories, "utility-tools,security"));

        Assert.True(labels.IsValid, string.Join("; ", labels.Problems));
    }

    [Theory]
    [InlineData("""[{"alt":"Docs","url":"https://example.com/docs"}]""", "(item 0)")]
    [InlineData("""[{"title":"Docs","url":"ftp://example.com/docs"}]""", "item 0 url")]
    [InlineData("docs", "not valid JSON")]
    public void Malformed_additional_urls_are_reported(string additionalUrls, string reason)
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.AdditionalUrls, additionalUrls));

        var problem = Assert.Single(labels.Problems);
        Assert.StartsWith(LabelNames.AdditionalUrls, problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var labels = ExtensionLabels.Read(LabelSets.Valid(">= banana")
            .Without(LabelNames.Title)
            .With(LabelNames.Icon, "icon.png")
            .With(LabelNames.Screenshots, "{}"));

        Assert.Equal(4, labels.Problems.Count);
    }

    [Fact]
    public void Reasons_do_not_copy_long_or_control_characters_from_hostile_labels()
    {
        var hostile = "\u001b[31m" + new string('x', 100_000);
        var labels = ExtensionLabels.Read(LabelSets.Valid(hostile).With(LabelNames.Icon, hostile));

        Assert.Equal(2, labels.Problems.Count);
        Assert.All(labels.Problems, p =>
        {
            Assert.True(p.Length < 200);
            Assert.DoesNotContain('\u001b', p);
            Assert.Contains('…', p);
        });
    }
}
