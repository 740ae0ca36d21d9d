namespace Scanner.Testing.Registry;

/// <summary>One line of the registry's access log: a request as the registry saw it.</summary>
public sealed record AccessLogEntry(string Method, string Target, int Status)
{
    public string Path => Target.Split('?', 2)[0];
}
