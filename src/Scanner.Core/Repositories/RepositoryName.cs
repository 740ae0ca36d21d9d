using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Scanner.Core.Repositories;

/// <summary>
/// A normalised registry repository without tag or digest, such as <c>docker.io/portainer/portainer-docker-extension</c>.
/// Immutable; parse once at the edge and pass the value around.
/// </summary>
public sealed partial class RepositoryName : IEquatable<RepositoryName>, IComparable<RepositoryName>
{
    /// <summary>The longest name the distribution spec lets registries accept, registry included.</summary>
    public const int MaxLength = 255;

    /// <summary>The canonical registry name of Docker Hub.</summary>
    public const string DockerHub = "docker.io";

    private const string DockerHubEndpoint = "registry-1.docker.io";

    private RepositoryName(string registry, string path)
    {
        Registry = registry;
        Path = path;
        Value = registry + "/" + path;
    }

    /// <summary>Registry name with port when it has one: <c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>Repository path inside the registry: <c>portainer/portainer-docker-extension</c>.</summary>
    public string Path { get; }

    /// <summary>The normalised full name: <c>{Registry}/{Path}</c>.</summary>
    public string Value { get; }

    /// <summary>The host (and port) to send distribution API requests to; Docker Hub is served from another host.</summary>
    public string RegistryEndpoint => Registry == DockerHub ? DockerHubEndpoint : Registry;

    public bool IsDockerHub => Registry == DockerHub;

    public static RepositoryName Parse(string text)
    {
        if (!TryParse(text, out var name, out var error))
        {
            throw new FormatException(error);
        }

        return name;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RepositoryName? name) =>
        TryParse(text, out name, out _);

    /// <summary>Parses and normalises a repository reference; <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out RepositoryName? name,
        [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A repository name is required.";
            return false;
        }

        var input = text.Trim();
        if (input.Length > MaxLength * 2)
        {
            error = $"A repository name is at most {MaxLength} characters.";
            return false;
        }

        foreach (var c in input)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                error = "A repository name cannot contain spaces or control characters.";
                return false;
            }

            // Checked before lower-casing: the Kelvin sign lower-cases to an ASCII 'k', which would let a look-alike
            // name pass as another repository.
            if (!char.IsAscii(c))
            {
                error = $"'{input}' contains a non-ASCII character; repository names are ASCII only.";
                return false;
            }
        }

        if (input.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{input}' looks like a URL; give the repository as registry/path, without a scheme.";
            return false;
        }

        var at = input.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            error = $"'{input}' names a digest ('{input[at..]}'); a repository is expected, without tag or digest.";
            return false;
        }

        var lastSlash = input.LastIndexOf('/');
        var colon = input.IndexOf(':', lastSlash + 1);
        if (colon >= 0)
        {
            error = $"'{input}' names a tag ('{input[colon..]}'); a repository is expected, without tag or digest.";
            return false;
        }

        string registry;
        string path;
        var firstSlash = input.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? input : input[..firstSlash];
        if (firstSlash >= 0 && LooksLikeRegistry(first))
        {
            registry = first.ToLowerInvariant();
            path = input[(firstSlash + 1)..];
            if (!RegistryPattern().IsMatch(registry) || !HasValidPort(registry))
            {
                error = $"'{first}' is not a valid registry host (host name or IP address, optional :port).";
                return false;
            }
        }
        else
        {
            registry = DockerHub;
            path = input;
        }

        if (registry is "index.docker.io" or DockerHubEndpoint)
        {
            registry = DockerHub;
        }

        path = path.ToLowerInvariant();
        if (path.Length == 0)
        {
            error = $"'{input}' has no repository path after the registry.";
            return false;
        }

        if (registry == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        if (!PathPattern().IsMatch(path))
        {
            error = $"'{path}' is not a valid repository path: components of a-z and 0-9 separated by '/', " +
                    "with '.', '_', '__' or '-' only between letters and digits.";
            return false;
        }

        var value = registry + "/" + path;
        if (value.Length > MaxLength)
        {
            error = $"'{value}' is {value.Length} characters; a repository name is at most {MaxLength}.";
            return false;
        }

        name = new RepositoryName(registry, path);
        error = null;
        return true;
    }

    private static bool HasValidPort(string registry)
    {
        var colon = registry.LastIndexOf(':');
        if (colon < 0 || registry.EndsWith(']'))
        {
            return true;
        }

        return int.TryParse(registry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) &&
               port is > 0 and <= 65535;
    }

    // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
    private static bool LooksLikeRegistry(string component) =>
        component.Contains('.', StringComparison.Ordinal) ||
        component.Contains(':', StringComparison.Ordinal) ||
        component.StartsWith('[') ||
        string.Equals(component, "localhost", StringComparison.OrdinalIgnoreCase);

    public bool Equals(RepositoryName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RepositoryName other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public int CompareTo(RepositoryName? other) => other is null ? 1 : string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;

    public static bool operator ==(RepositoryName? left, RepositoryName? right) => Equals(left, right);

    public static bool operator !=(RepositoryName? left, RepositoryName? right) => !Equals(left, right);

    public static bool operator <(RepositoryName? left, RepositoryName? right) => Compare(left, right) < 0;

    public static bool operator <=(RepositoryName? left, RepositoryName? right) => Compare(left, right) <= 0;

    public static bool operator >(RepositoryName? left, RepositoryName? right) => Compare(left, right) > 0;

    public static bool operator >=(RepositoryName? left, RepositoryName? right) => Compare(left, right) >= 0;

    private static int Compare(RepositoryName? left, RepositoryName? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    [GeneratedRegex(@"^(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])(?:\.(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))*(?::[0-9]{1,5})?$|^\[[0-9a-f:.]+\](?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
