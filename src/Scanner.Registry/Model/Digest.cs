using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Scanner.Registry.Model;

/// <summary>A content digest <c>algorithm:hex</c>; sha256 and sha512 are verifiable, anything else is refused.</summary>
public sealed class Digest : IEquatable<Digest>
{
    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
        Value = algorithm + ":" + hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    public string Value { get; }

    public static Digest Parse(string text)
    {
        if (!TryParse(text, out var digest, out var error))
        {
            throw new RegistryException(RegistryErrorKind.Integrity, error);
        }

        return digest;
    }

    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out Digest? digest,
        [NotNullWhen(false)] out string? error)
    {
        digest = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            error = $"'{Shorten(text)}' is not a digest (algorithm:hex)";
            return false;
        }

        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        var expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => -1,
        };
        if (expectedLength < 0)
        {
            error = $"digest algorithm '{Shorten(algorithm)}' is not supported (sha256, sha512)";
            return false;
        }

        if (hex.Length != expectedLength || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            error = $"'{Shorten(text)}' is not a valid {algorithm} digest";
            return false;
        }

        digest = new Digest(algorithm, hex);
        error = null;
        return true;
    }

    public static Digest Compute(ReadOnlySpan<byte> content) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>True when <paramref name="content"/> hashes to this digest.</summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        var actual = Algorithm == "sha512" ? SHA512.HashData(content) : SHA256.HashData(content);
        return string.Equals(Convert.ToHexStringLower(actual), Hex, StringComparison.Ordinal);
    }

    public bool Equals(Digest? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length > 80 ? text[..80] + "…" : text;
}
