namespace Scanner.Registry.Model;

/// <summary>An image platform, written <c>os/arch[/variant]</c> as Docker does.</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>The platform buildkit gives attestation manifests; never a runnable image.</summary>
    public bool IsUnknown => Os == "unknown" && Architecture == "unknown";

    public static Platform Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Split('/');
        return parts.Length switch
        {
            2 => new Platform(parts[0], parts[1]),
            3 => new Platform(parts[0], parts[1], parts[2]),
            _ => throw new FormatException($"'{text}' is not a platform (os/arch[/variant])."),
        };
    }

    public override string ToString() => string.IsNullOrEmpty(Variant) ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
