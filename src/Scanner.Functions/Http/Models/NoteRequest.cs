namespace Scanner.Functions.Http.Models;

/// <summary>The optional body of an allow-list addition or a block: a note for other operators.</summary>
public sealed record NoteRequest(string? Note);
