using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Updates;

/// <summary>One extension a client has installed, at the version it runs. A value: an update check makes one per extension.</summary>
public readonly record struct InstalledExtension(RepositoryName Repository, SemanticVersion Version);
