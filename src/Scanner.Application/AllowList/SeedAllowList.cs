using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scanner.Application.Scanning;
using Scanner.Core.Repositories;

namespace Scanner.Application.AllowList;

/// <summary>
/// At start-up: adds the repositories of <c>Scanner:AllowList</c> that are absent, each announced and relayed and
/// given its first scan, as one added through the admin API is.
/// </summary>
public sealed partial class SeedAllowList(IConfiguration configuration, ManageAllowList allowList, ILogger<SeedAllowList> logger)
{
    /// <summary>The configuration section listing the repositories (<c>Scanner__AllowList__0</c>, ...).</summary>
    public const string SectionName = "Scanner:AllowList";

    /// <summary>Returns the repositories this call added.</summary>
    public async Task<IReadOnlyList<RepositoryName>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = new List<RepositoryName>();
        foreach (var child in configuration.GetSection(SectionName).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value))
            {
                continue;
            }

            // Adding leaves an existing entry (and the operator's note on it) alone and says so.
            var outcome = await allowList.AddAsync(child.Value, "seeded from configuration", ScanTriggers.Startup, cancellationToken).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case Outcomes.OutcomeKind.Invalid:
                    LogInvalidSeed(child.Path, outcome.Detail!);
                    break;
                case Outcomes.OutcomeKind.Created:
                    LogSeeded(outcome.Value!.Entry.Repository.Value);
                    added.Add(outcome.Value.Entry.Repository);
                    break;
            }
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored allow-list seed {Setting}: {Error}")]
    private partial void LogInvalidSeed(string setting, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Repository} to the allow-list from configuration")]
    private partial void LogSeeded(string repository);
}
