using System.Text.Json;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;

namespace Scanner.Storage.Events;

/// <summary>Events are stored as their CloudEvents JSON (UTF-8), the same bytes everywhere they go.</summary>
public static class EventSerializer
{
    public static byte[] Serialize(CloudEvent cloudEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(cloudEvent, CoreJsonContext.Default.CloudEvent);

    public static CloudEvent Deserialize(byte[] json) =>
        JsonSerializer.Deserialize(json, CoreJsonContext.Default.CloudEvent) ??
        throw new InvalidDataException("A stored event is empty.");
}
