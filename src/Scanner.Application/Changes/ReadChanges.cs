using System.Globalization;
using Scanner.Application.Outcomes;

namespace Scanner.Application.Changes;

/// <summary>Function <c>GetChanges</c>: the change feed after a cursor, in order, gapless.</summary>
public sealed class ReadChanges(IChangeFeed feed)
{
    public const int MaxPage = 500;
    public const int DefaultPage = 100;

    public async Task<Outcome<ChangesPage>> ReadAsync(string? after, string? limit, CancellationToken cancellationToken = default)
    {
        var pageSize = DefaultPage;
        if (limit is not null &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPage))
        {
            return Outcome<ChangesPage>.Invalid($"limit must be a whole number from 1 to {MaxPage}.");
        }

        ChangePage page;
        try
        {
            page = await feed.ReadAsync(string.IsNullOrEmpty(after) ? null : after, pageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            return Outcome<ChangesPage>.Invalid("after is not a cursor this feed issued; start without it or use a cursor from a previous page.");
        }

        return Outcome<ChangesPage>.Ok(new ChangesPage(page.Events, page.Cursor));
    }
}
