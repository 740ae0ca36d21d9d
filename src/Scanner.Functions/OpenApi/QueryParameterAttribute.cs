namespace Scanner.Functions.OpenApi;

/// <summary>A query parameter an HTTP function reads, for the OpenAPI document (routes and bodies are found by reflection).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public bool Repeated { get; init; }
}
