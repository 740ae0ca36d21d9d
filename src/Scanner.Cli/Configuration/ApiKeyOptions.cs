namespace Scanner.Cli.Configuration;

/// <summary><c>Scanner:ApiKeys</c>: the keys standalone mode checks (in Azure the Functions host checks its own).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Scanner:ApiKeys";

    public string? Function { get; set; }

    public string? Admin { get; set; }
}
