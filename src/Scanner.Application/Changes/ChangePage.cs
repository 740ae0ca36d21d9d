using Scanner.Core.Changes;

namespace Scanner.Application.Changes;

/// <summary>A page of the change feed; <see cref="Cursor"/> continues after its last event (or stays put when empty).</summary>
public sealed record ChangePage(IReadOnlyList<CloudEvent> Events, string Cursor);
