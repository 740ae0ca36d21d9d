namespace Scanner.Application.Catalog;

public enum CommitResult
{
    Committed,

    /// <summary>The stored state moved since it was loaded; nothing was written.</summary>
    Conflict,
}
