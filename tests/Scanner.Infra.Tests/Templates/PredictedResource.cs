using System.Text.Json;

namespace Scanner.Infra.Tests.Templates;

/// <summary>One resource of a deployment snapshot: ids and names evaluated, runtime values as expressions.</summary>
internal sealed record PredictedResource(JsonElement Json)
{
    public string Id => Json.GetProperty("id").GetString()!;

    public string Type => Json.GetProperty("type").GetString()!;

    public string Name => Json.GetProperty("name").GetString()!;

    public JsonElement At(string path) => JsonPath.Get(Json, path, ToString());

    public string Text(string path) => At(path).GetString()!;

    public override string ToString() => $"{Type} '{Name}'";
}
