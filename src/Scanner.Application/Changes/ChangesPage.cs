using Scanner.Core.Changes;

namespace Scanner.Application.Changes;

/// <summary>A page of the feed as the API answers it.</summary>
public sealed record ChangesPage(IReadOnlyList<CloudEvent> Events, string Cursor);
