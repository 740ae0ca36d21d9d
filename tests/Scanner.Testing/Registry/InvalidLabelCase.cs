namespace Scanner.Testing.Registry;

/// <summary>One kind of invalid label set; <see cref="ProblemMentions"/> is text the verdict's reason must contain.</summary>
public sealed record InvalidLabelCase(string Name, string ProblemMentions, IReadOnlyDictionary<string, string> Labels)
{
    public override string ToString() => Name;
}
