using System.Text.Json.Serialization;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;

namespace Scanner.Application.Serialization;

/// <summary>The queue messages, source-generated: the sender and the function read the same shapes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(SubscriberDeliveryRequest))]
public sealed partial class ApplicationJsonContext : JsonSerializerContext;
