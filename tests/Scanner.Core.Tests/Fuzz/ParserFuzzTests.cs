using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Core.Tests.Support;
using Scanner.Core.Versions;

namespace Scanner.Core.Tests.Fuzz;

/// <summary>
/// Every Core parser facing user or registry input answers a failure, never an exception, on hostile text
/// (xunit reports any exception a sample throws, with the input that caused it).
/// </summary>
public class ParserFuzzTests
{
    private const int Inputs = 10_000;

    [Fact]
    public void RepositoryName_TryParse_never_throws_and_explains_every_refusal()
    {
        FuzzInputs.Mixed("docker.io/portainer/portainer-docker-extension", "portainer/x", "127.0.0.1:5000/a/b", "[::1]:5000/a", "ghcr.io/o/e")
            .Sample(
                text =>
                {
                    if (RepositoryName.TryParse(text, out var name, out var error))
                    {
                        Assert.True(name.Value.Length <= RepositoryName.MaxLength);
                        Assert.All(name.Value, c => Assert.True(char.IsAscii(c) && !char.IsControl(c)));
                        Assert.Equal(name, RepositoryName.Parse(name.Value));
                    }
                    else
                    {
                        Assert.False(string.IsNullOrWhiteSpace(error));
                    }
                },
                iter: Inputs);
    }

    [Fact]
    public void VersionTag_TryParse_never_throws_and_accepts_only_normal_semver()
    {
        FuzzInputs.Mixed("1.2.3", "1.0.0-beta.1", "0.0.1-rc.10", "10.20.30-alpha-1.x")
            .Sample(
                text =>
                {
                    if (VersionTag.TryParse(text, out var version))
                    {
                        Assert.Equal(text, VersionTag.Format(version));
                    }
                },
                iter: Inputs);
    }

    [Fact]
    public void ApiVersionRange_TryParse_never_throws_and_what_it_accepts_round_trips()
    {
        FuzzInputs.Mixed(">= 0.2.3", ">=0.4.2", "0.3.4", ">= 1.0", ">= 1.4.7, < 2.0", "1.0.0-beta.1", "^1.2 || ~0.0.3", "1.2.3 - 2.x")
            .Sample(
                text =>
                {
                    if (ApiVersionRange.TryParse(text, out var range))
                    {
                        Assert.True(ApiVersionRange.TryParse(range.ToString(), out var reparsed), $"'{range}' should parse");
                        Assert.Equal(range, reparsed);
                        _ = range.Includes(new NuGet.Versioning.SemanticVersion(1, 2, 3, "beta"), includePrerelease: true);
                    }
                },
                iter: Inputs);
    }

    [Fact]
    public void ExtensionLabels_Read_never_throws_and_gives_a_reason_for_every_invalid_set()
    {
        var names = LabelNames.Required.Concat(LabelNames.Optional).Append("org.example.other").ToArray();
        var valid = LabelSets.Valid();
        var seeds = valid.Values.Append("""[{"alt":"a","url":"https://e.com/a.png"}]""").Append("[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]").ToArray();
        Gen.Select(Gen.OneOf(names), FuzzInputs.Mixed(seeds)).Array[0, 12]
            .Sample(
                pairs =>
                {
                    var labels = LabelSets.Valid();
                    foreach (var (name, value) in pairs)
                    {
                        labels[name] = value;
                    }

                    var read = ExtensionLabels.Read(labels);
                    Assert.Equal(read.IsValid, read.Problems.Count == 0);
                    Assert.All(read.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                    Assert.All(read.Problems, p => Assert.True(p.Length < 400, "a reason must not copy a hostile label"));
                },
                iter: Inputs);
    }

    [Fact]
    public void ChangeEvents_TryReadVersionRecord_never_throws_on_hostile_event_data()
    {
        var record = CatalogBuilder.Record("1.2.3");
        var valid = ChangeEvents.ForVersion(ChangeEventTypes.VersionPublished, record, 1, CatalogBuilder.Epoch);
        var validJson = valid.Data.GetRawText();
        FuzzInputs.Mixed(validJson, "{}", """{"repository":null,"version":"1.2.3","digest":"d"}""", """{"labels":{"a":null}}""", "[]", "null", "7")
            .Sample(
                json =>
                {
                    JsonElement data;
                    try
                    {
                        using var document = JsonDocument.Parse(json);
                        data = document.RootElement.Clone();
                    }
                    catch (Exception e) when (e is JsonException or ArgumentException)
                    {
                        return; // Not JSON at all (or not Unicode): such data cannot be in an event.
                    }

                    var cloudEvent = valid with { Data = data };
                    if (ChangeEvents.TryReadVersionRecord(cloudEvent, out var read, out var error))
                    {
                        Assert.True(VersionTag.IsVersion(read.Version));
                        Assert.NotNull(read.Labels);
                    }
                    else
                    {
                        Assert.False(string.IsNullOrWhiteSpace(error));
                        Assert.Throws<FormatException>(() => ChangeEvents.ReadVersionRecord(cloudEvent));
                    }
                },
                iter: Inputs);
    }

    [Fact]
    public void ChangeEvents_TryReadVersionRecord_never_throws_when_members_of_a_record_have_the_wrong_shape()
    {
        var valid = ChangeEvents.ForVersion(ChangeEventTypes.VersionRetagged, CatalogBuilder.Record("1.2.3"), 1, CatalogBuilder.Epoch);
        var members = JsonNode.Parse(valid.Data.GetRawText())!.AsObject().Select(p => p.Key).Append("extra").ToArray();
        var replacements = Gen.OneOf<Func<JsonNode?>>(
            () => null,
            () => JsonValue.Create(42),
            () => JsonValue.Create(-1.5e300),
            () => JsonValue.Create(true),
            () => JsonValue.Create("1.2.3"),
            () => JsonValue.Create("not a version"),
            () => JsonValue.Create("2026-13-45T99:00:00Z"),
            () => new JsonArray(JsonValue.Create("linux/amd64"), null, JsonValue.Create(3)),
            () => new JsonObject { ["a"] = null, ["b"] = JsonValue.Create("c") },
            () => new JsonObject(),
            () => new JsonArray());
        Gen.Select(Gen.OneOf(members), Gen.Bool, replacements).Array[1, 5]
            .Sample(
                edits =>
                {
                    var json = JsonNode.Parse(valid.Data.GetRawText())!.AsObject();
                    foreach (var (member, remove, replacement) in edits)
                    {
                        if (remove)
                        {
                            json.Remove(member);
                        }
                        else
                        {
                            json[member] = replacement();
                        }
                    }

                    var cloudEvent = valid with { Data = JsonSerializer.SerializeToElement(json) };
                    if (!ChangeEvents.TryReadVersionRecord(cloudEvent, out var read, out var error))
                    {
                        Assert.False(string.IsNullOrWhiteSpace(error));
                        return;
                    }

                    Assert.True(VersionTag.IsVersion(read.Version));
                    Assert.NotNull(read.Repository);
                    Assert.NotNull(read.Digest);
                    Assert.All(read.Labels, l => Assert.NotNull(l.Value));
                },
                iter: Inputs);
    }
}
