using CsCheck;
using NuGet.Versioning;
using Scanner.Core.Versions;

namespace Scanner.Core.Tests.Versions;

/// <summary>
/// <see cref="ApiVersionRange.Includes"/> against a brute-force reading of the same text: a naive model of primitive
/// comparators (<c>&lt; &lt;= &gt; &gt;= =</c>, bare), AND by space or comma, OR by <c>||</c>, SemVer precedence
/// written out from the spec, and npm's prerelease rule.
/// </summary>
public class ApiVersionRangeProperties
{
    private static readonly Gen<ModelVersion> GenVersion = Gen.Select(
        Gen.Int[0, 2],
        Gen.Int[0, 2],
        Gen.Int[0, 2],
        Gen.OneOf<string[]>([], [], [], ["alpha"], ["beta"], ["alpha", "1"], ["0"], ["rc", "10"], ["rc", "2"], ["Beta"]),
        (major, minor, patch, prerelease) => new ModelVersion(major, minor, patch, prerelease));

    private static readonly Gen<ModelComparator> GenComparator = Gen.Select(
        Gen.OneOf("<", "<=", ">", ">=", "=", ""),
        Gen.OneOf("", " ", "  "),
        Gen.OneOf("", "", "v"),
        GenVersion,
        (op, space, prefix, version) => new ModelComparator(op, space, prefix, version));

    private static readonly Gen<ModelSet> GenSet = Gen.Select(
        GenComparator.Array[1, 3],
        Gen.OneOf(" ", ", ", " , ", "  "),
        (comparators, separator) => new ModelSet(comparators, separator));

    private static readonly Gen<ModelRange> GenRange = Gen.Select(
        GenSet.Array[1, 3],
        Gen.OneOf(" || ", "||", "  ||  "),
        (sets, separator) => new ModelRange(sets, separator));

    [Fact]
    public void Includes_agrees_with_a_brute_force_evaluation_of_the_comparators()
    {
        Gen.Select(GenRange, GenVersion, Gen.Bool).Sample(
            (range, version, includePrerelease) =>
            {
                Assert.True(ApiVersionRange.TryParse(range.Text, out var parsed), $"'{range.Text}' should parse");
                var expected = range.Includes(version, includePrerelease);
                Assert.Equal(expected, parsed.Includes(version.ToSemanticVersion(), includePrerelease));
            },
            iter: 20_000,
            print: t => $"range '{t.Item1.Text}', version {t.Item2.Text}, includePrerelease {t.Item3}");
    }

    [Fact]
    public void The_normal_form_of_a_generated_range_includes_exactly_the_same_versions()
    {
        Gen.Select(GenRange, GenVersion, Gen.Bool).Sample(
            (range, version, includePrerelease) =>
            {
                Assert.True(ApiVersionRange.TryParse(range.Text, out var parsed));
                Assert.True(ApiVersionRange.TryParse(parsed.ToString(), out var reparsed), $"'{parsed}' should parse");
                Assert.Equal(parsed, reparsed);
                var semantic = version.ToSemanticVersion();
                Assert.Equal(parsed.Includes(semantic, includePrerelease), reparsed.Includes(semantic, includePrerelease));
            },
            iter: 10_000,
            print: t => $"range '{t.Item1.Text}', version {t.Item2.Text}, includePrerelease {t.Item3}");
    }

    private sealed record ModelVersion(int Major, int Minor, int Patch, string[] Prerelease)
    {
        public bool IsPrerelease => Prerelease.Length > 0;

        public string Text => $"{Major}.{Minor}.{Patch}" + (IsPrerelease ? "-" + string.Join('.', Prerelease) : string.Empty);

        public SemanticVersion ToSemanticVersion() => SemanticVersion.Parse(Text);

        public bool SameRelease(ModelVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

        // semver.org section 11, spelled out.
        public int CompareTo(ModelVersion other)
        {
            foreach (var (a, b) in new[] { (Major, other.Major), (Minor, other.Minor), (Patch, other.Patch) })
            {
                if (a != b)
                {
                    return a < b ? -1 : 1;
                }
            }

            if (!IsPrerelease || !other.IsPrerelease)
            {
                return IsPrerelease == other.IsPrerelease ? 0 : IsPrerelease ? -1 : 1;
            }

            for (var i = 0; i < Math.Min(Prerelease.Length, other.Prerelease.Length); i++)
            {
                var a = Prerelease[i];
                var b = other.Prerelease[i];
                var aNumeric = int.TryParse(a, out var aNumber);
                var bNumeric = int.TryParse(b, out var bNumber);
                var order = (aNumeric, bNumeric) switch
                {
                    (true, true) => aNumber.CompareTo(bNumber),
                    (true, false) => -1,
                    (false, true) => 1,
                    _ => string.CompareOrdinal(a, b),
                };
                if (order != 0)
                {
                    return Math.Sign(order);
                }
            }

            return Prerelease.Length.CompareTo(other.Prerelease.Length);
        }
    }

    private sealed record ModelComparator(string Operator, string Space, string Prefix, ModelVersion Version)
    {
        public string Text => Operator + Space + Prefix + Version.Text;

        public bool Holds(ModelVersion candidate)
        {
            var order = candidate.CompareTo(Version);
            return Operator switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                ">=" => order >= 0,
                _ => order == 0,
            };
        }
    }

    private sealed record ModelSet(ModelComparator[] Comparators, string Separator)
    {
        public string Text => string.Join(Separator, Comparators.Select(c => c.Text));

        public bool Includes(ModelVersion version, bool includePrerelease) =>
            Comparators.All(c => c.Holds(version)) &&
            (!version.IsPrerelease || includePrerelease ||
             Comparators.Any(c => c.Version.IsPrerelease && c.Version.SameRelease(version)));
    }

    private sealed record ModelRange(ModelSet[] Sets, string Separator)
    {
        public string Text => string.Join(Separator, Sets.Select(s => s.Text));

        public bool Includes(ModelVersion version, bool includePrerelease) => Sets.Any(s => s.Includes(version, includePrerelease));
    }
}
