using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Updates;

/// <summary>One extension a client has installed, at the version it runs.</summary>
public sealed record InstalledExtension(RepositoryName Repository, SemanticVersion Version);
