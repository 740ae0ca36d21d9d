using System.Text.Json;

namespace Scanner.Infra.Tests.Templates;

/// <summary>One resource of a compiled ARM template, its values still template expressions.</summary>
/// <param name="SymbolicName">Key in a languageVersion 2.0 template; null in the classic array form.</param>
internal sealed record ArmResource(string? SymbolicName, JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string Name => Json.GetProperty("name").GetString()!;

    /// <summary>A reference to a resource declared elsewhere (<c>existing</c> in Bicep): not deployed here.</summary>
    public bool IsExisting => Json.TryGetProperty("existing", out var existing) && existing.GetBoolean();

    public bool IsModule => string.Equals(Type, "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase);

    public ArmTemplate ModuleTemplate => IsModule
        ? new ArmTemplate(At("properties.template"))
        : throw new InvalidOperationException($"{this} is not a module.");

    public JsonElement At(string path) => JsonPath.Get(Json, path, ToString());

    public string Text(string path) => At(path).GetString()!;

    public override string ToString() => $"{Type} '{SymbolicName ?? Name}'";
}
