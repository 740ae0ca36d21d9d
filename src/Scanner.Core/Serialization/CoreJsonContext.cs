using System.Text.Json.Serialization;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;

namespace Scanner.Core.Serialization;

/// <summary>The one JSON shape of events and version records, wherever they are stored or sent.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CloudEvent))]
[JsonSerializable(typeof(IReadOnlyList<CloudEvent>))]
[JsonSerializable(typeof(VersionRecord))]
[JsonSerializable(typeof(ExtensionEventData))]
[JsonSerializable(typeof(BlockEventData))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
