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

    /// <summary>The answer and the catalog sequence it was computed from (for ETags).</summary>
    public Outcome<(UpdateCheckResponse Response, long Sequence)> Check(
        string? apiVersionText, IReadOnlyList<InstalledExtensionInput> inputs, bool includePrerelease)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (string.IsNullOrWhiteSpace(apiVersionText) || !SemanticVersion.TryParse(apiVersionText.Trim(), out var apiVersion))
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

        return Outcome<(UpdateCheckResponse, long)>.Ok((new UpdateCheckResponse(VersionTag.Format(apiVersion), includePrerelease, results), view.Sequence));
    }

    /// <summary>Splits <c>repository@version</c> query values; null and the reason when one is malformed.</summary>
    public static (IReadOnlyList<InstalledExtensionInput>? Inputs, string? Error) ParseInstalled(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = new InstalledExtensionInput[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var item = values[i] ?? string.Empty;
            var at = item.LastIndexOf('@');
            if (at <= 0)
            {
                return (null, $"installed '{Shorten(item)}' must be repository@version.");
            }

            inputs[i] = new InstalledExtensionInput(item[..at], item[(at + 1)..]);
        }

        return (inputs, null);
    }

    private static Outcome<(UpdateCheckResponse, long)> Invalid(string detail) => Outcome<(UpdateCheckResponse, long)>.Invalid(detail);

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";
}
