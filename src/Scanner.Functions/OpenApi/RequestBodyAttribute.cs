namespace Scanner.Functions.OpenApi;

/// <summary>The JSON body an HTTP function reads, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequestBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;

    public bool Required { get; init; }
}
