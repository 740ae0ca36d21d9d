using System.Text.Json.Serialization;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;

namespace Scanner.Application.Serialization;

/// <summary>
/// The JSON of the work-queue messages: the queue adapters write it and the queue-triggered functions read it, so
/// both sides use this one context.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(SubscriberDeliveryRequest))]
public sealed partial class ApplicationJsonContext : JsonSerializerContext;
