using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;

namespace Scanner.Functions.Scanning;

/// <summary>
/// Adds the repositories of <c>Scanner:AllowList</c> to the allow-list at start-up when they are absent, and relays the
/// <c>extension.added</c> event each addition puts in the outbox.
/// </summary>
public sealed partial class AllowListSeeder(IConfiguration configuration, IAllowListStore allowList, IOutboxRelay relay, ILogger<AllowListSeeder> logger)
{
    /// <summary>The configuration section listing the repositories (<c>Scanner__AllowList__0</c>, ...).</summary>
    public const string SectionName = "Scanner:AllowList";

    /// <summary>Returns the repositories this call added.</summary>
    public async Task<IReadOnlyList<RepositoryName>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = new List<RepositoryName>();
        foreach (var child in configuration.GetSection(SectionName).GetChildren())
        {
            var text = child.Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!RepositoryName.TryParse(text, out var repository, out var error))
            {
                LogInvalidSeed(child.Path, error);
                continue;
            }

            // AddAsync leaves an existing entry (and the operator's note on it) alone and says so.
            if (await allowList.AddAsync(repository, "seeded from configuration", cancellationToken).ConfigureAwait(false))
            {
                LogSeeded(repository.Value);
                await relay.RelayAsync(repository, cancellationToken).ConfigureAwait(false);
                added.Add(repository);
            }
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored allow-list seed {Setting}: {Error}")]
    private partial void LogInvalidSeed(string setting, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Repository} to the allow-list from configuration")]
    private partial void LogSeeded(string repository);
}
