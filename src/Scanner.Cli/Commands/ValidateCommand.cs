using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;

namespace Scanner.Cli.Commands;

/// <summary>
/// <c>scanner validate IMAGE[:TAG]</c>: the label part of <c>docker extension validate</c>, against the registry
/// directly (no pull, no Docker engine).
/// </summary>
public static class ValidateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var json = ScannerCommandLine.TakeFlag(ref args, "--json");
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            await stderr.WriteLineAsync("usage: scanner validate IMAGE[:TAG|@DIGEST] [--json]").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var image = args[0];
        if (!TrySplitImage(image, out var repository, out var reference, out var error))
        {
            await stderr.WriteLineAsync(error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var host = CommandHost.Build(args[1..], configure);
        var inspector = host.Services.GetRequiredService<IImageInspector>();
        Core.Scanning.ImageDescription description;
        try
        {
            description = await inspector.InspectAsync(repository, reference).ConfigureAwait(false);
        }
        catch (ImageInspectionException e)
        {
            await stderr.WriteLineAsync($"{repository.Value}:{reference}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Unreadable;
        }

        var labels = description.Labels;
        if (json)
        {
            await stdout.WriteLineAsync(ToJson(description)).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync($"{repository.Value}{(reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{reference}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  digest     {description.Digest}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  platforms  {(description.Platforms.Count == 0 ? "(not declared)" : string.Join(", ", description.Platforms))}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  api range  {labels.ApiVersionText ?? "(missing)"}{(labels.ApiRange is null ? string.Empty : $" = {labels.ApiRange}")}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  valid      {(labels.IsValid ? "yes" : "NO")}").ConfigureAwait(false);
            foreach (var problem in labels.Problems)
            {
                await stdout.WriteLineAsync($"    - {problem}").ConfigureAwait(false);
            }

            foreach (var name in Core.Labels.LabelNames.Required.Concat(Core.Labels.LabelNames.Optional))
            {
                if (labels.All.TryGetValue(name, out var value))
                {
                    var shown = value.Length > 100 ? value[..100] + "…" : value;
                    await stdout.WriteLineAsync($"  {name} = {shown.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                }
            }
        }

        return labels.IsValid ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary><c>repo</c>, <c>repo:tag</c> or <c>repo@sha256:...</c>; no tag means <c>latest</c>, as with docker.</summary>
    public static bool TrySplitImage(string image, out RepositoryName repository, out string reference, out string error)
    {
        ArgumentNullException.ThrowIfNull(image);
        repository = null!;
        reference = "latest";
        var name = image;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = image[..at];
            reference = image[(at + 1)..];
        }
        else
        {
            var colon = image.LastIndexOf(':');
            if (colon > image.LastIndexOf('/'))
            {
                name = image[..colon];
                reference = image[(colon + 1)..];
            }
        }

        if (reference.Length == 0)
        {
            error = $"'{image}' has an empty tag or digest.";
            return false;
        }

        if (!RepositoryName.TryParse(name, out var parsed, out var nameError))
        {
            error = nameError;
            return false;
        }

        repository = parsed;
        error = string.Empty;
        return true;
    }

    private static string ToJson(Core.Scanning.ImageDescription description)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("repository", description.Repository.Value);
            writer.WriteString("reference", description.Reference);
            writer.WriteString("digest", description.Digest);
            writer.WriteStartArray("platforms");
            foreach (var p in description.Platforms)
            {
                writer.WriteStringValue(p);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("valid", description.Labels.IsValid);
            writer.WriteString("apiVersionRange", description.Labels.ApiRange?.ToString());
            writer.WriteStartArray("problems");
            foreach (var p in description.Labels.Problems)
            {
                writer.WriteStringValue(p);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("labels");
            foreach (var (key, value) in description.Labels.All.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
