using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;
using Scanner.Application.Catalog;
using Scanner.Application.Outcomes;
using Scanner.Application.Scanning;
using Scanner.Application.Updates.Models;
using Scanner.Core.Repositories;
using Scanner.Core.Updates;
using Scanner.Core.Versions;

namespace Scanner.Application.Updates;

/// <summary>
/// Function <c>CheckUpdates</c>: what each installed extension can be upgraded to, for the client's Extension API
/// version, answered from this instance's snapshot. An allow-listed extension that no scan has read yet is
/// <c>not-scanned-yet</c>, never "up-to-date".
/// </summary>
public sealed class CheckUpdates(ICatalogSnapshotSource snapshots, ScanStatusBoard board)
{
    public const int MaxInstalled = 500;

    // Clients send the few Extension API versions Docker Desktop releases carry: each is parsed and formatted once.
    // Bounded in number and length, so odd values beyond that are parsed per request rather than kept.
    private const int MaxRememberedApiVersions = 64;
    private const int MaxRememberedApiVersionLength = 32;

    private readonly ConcurrentDictionary<string, (SemanticVersion Version, string Text)> _apiVersions = new(StringComparer.Ordinal);

    /// <summary>The answer and the catalog sequence it was computed from (for ETags).</summary>
    public Outcome<(UpdateCheckResponse Response, long Sequence)> Check(
        string? apiVersionText, IReadOnlyList<InstalledExtensionInput> inputs, bool includePrerelease)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!TryParseApiVersion(apiVersionText, out var apiVersion, out var apiVersionNormal))
        {
            return Invalid("apiVersion must be the client's Extension API version, such as 0.3.4.");
        }

        if (inputs.Count > MaxInstalled)
        {
            return Invalid($"At most {MaxInstalled} installed extensions per request.");
        }

        var view = snapshots.Current;
        var results = new UpdateResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input is null)
            {
                return Invalid($"installed[{i}]: an object with repository and version is required.");
            }

            // Clients send back the names and versions the API gave them: most are found without parsing.
            var extension = input.Repository is null ? null : view.Catalog.FindByNormalizedName(input.Repository);
            var repository = extension?.Repository;
            if (repository is null)
            {
                if (!RepositoryName.TryParse(input.Repository, out repository, out var error))
                {
                    return Invalid($"installed[{i}]: {error}");
                }

                extension = view.Catalog.Find(repository);
            }

            var known = input.Version is null ? null : extension?.FindByText(input.Version);
            SemanticVersion? version = known?.Version;
            if (version is null && !VersionTag.TryParse(input.Version?.Trim(), out version))
            {
                return Invalid($"installed[{i}]: version '{Shorten(input.Version)}' is not a SemVer version such as 1.2.0.");
            }

            // Not scanned yet only matters for an extension without versions (UpdateAdvisor's rule); ask the board then.
            var scanned = extension is not { Versions.Count: 0 } || board.HasSucceeded(repository);
            var advice = UpdateAdvisor.Advise(extension, apiVersion, new InstalledExtension(repository, version), includePrerelease, scanned);
            results[i] = new UpdateResult(
                repository.Value,
                known?.Text ?? VersionTag.Format(version),
                advice.Latest?.Text,
                advice.LatestCompatible?.Text,
                advice.UpdateAvailable,
                advice.Status);
        }

        return Outcome<(UpdateCheckResponse, long)>.Ok((new UpdateCheckResponse(apiVersionNormal, includePrerelease, results), view.Sequence));
    }

    private bool TryParseApiVersion(string? text, [NotNullWhen(true)] out SemanticVersion? version, [NotNullWhen(true)] out string? normal)
    {
        if (text is not null && _apiVersions.TryGetValue(text, out var known))
        {
            (version, normal) = known;
            return true;
        }

        if (string.IsNullOrWhiteSpace(text) || !SemanticVersion.TryParse(text.Trim(), out version))
        {
            (version, normal) = (null, null);
            return false;
        }

        normal = VersionTag.Format(version);
        if (text.Length <= MaxRememberedApiVersionLength && _apiVersions.Count < MaxRememberedApiVersions)
        {
            _apiVersions.TryAdd(text, (version, normal));
        }

        return true;
    }

    /// <summary>
    /// Splits one <c>repository@version</c> query value; false and the reason when it is malformed. A name and version
    /// the catalog knows are taken from it rather than copied: clients send back what the API gave them.
    /// </summary>
    public bool TryParseInstalled(
        ReadOnlySpan<char> value,
        [NotNullWhen(true)] out InstalledExtensionInput? input,
        [NotNullWhen(false)] out string? error)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0)
        {
            (input, error) = (null, $"installed '{Shorten(value.ToString())}' must be repository@version.");
            return false;
        }

        var repositoryText = value[..at];
        var versionText = value[(at + 1)..];
        var extension = snapshots.Current.Catalog.FindByNormalizedName(repositoryText);
        var repository = extension?.Repository.Value ?? repositoryText.ToString();
        var version = extension?.FindByText(versionText)?.Text ?? versionText.ToString();
        (input, error) = (new InstalledExtensionInput(repository, version), null);
        return true;
    }

    private static Outcome<(UpdateCheckResponse, long)> Invalid(string detail) => Outcome<(UpdateCheckResponse, long)>.Invalid(detail);

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";
}
