using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Scanner.Testing.Functions;

/// <summary>What the Worker SDK wrote into Scanner.Functions' output folder at build.</summary>
public static class BuildOutput
{
    public static string Directory { get; } = typeof(BuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsOutputDirectory").Value!;

    public static JsonDocument Read(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        Assert.True(File.Exists(path), $"{path} was not written by the build");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>Every function of functions.metadata.</summary>
    public static IReadOnlyList<MetadataFunction> Functions()
    {
        using var document = Read("functions.metadata");
        return [.. document.RootElement.EnumerateArray().Select(MetadataFunction.From)];
    }
}
