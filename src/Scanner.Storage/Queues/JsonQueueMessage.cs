using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues;

namespace Scanner.Storage.Queues;

/// <summary>Sends one JSON message (base64-encoded by the client, as the Functions host expects).</summary>
internal static class JsonQueueMessage
{
    /// <summary>The service's limit on a message as sent, that is after base64.</summary>
    public const int MaxEncodedBytes = 64 * 1024;

    /// <summary>The service wants a visibility timeout under the message's time to live, 7 days by default.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public static async Task SendAsync<T>(QueueClient queue, T message, JsonTypeInfo<T> typeInfo, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);

        // The service counts the visibility timeout in whole seconds and the client truncates: rounded up, a message
        // delayed until a time (a throttled scan's retry) is never seen before it.
        delay = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(delay, MaxDelay);
        var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, typeInfo));
        var encoded = (json.ToMemory().Length + 2) / 3 * 4;
        if (encoded > MaxEncodedBytes)
        {
            throw new ArgumentException(
                $"A {typeof(T).Name} takes {encoded} bytes as a queue message, over the {MaxEncodedBytes / 1024} KiB limit of {queue.Name}.",
                nameof(message));
        }

        try
        {
            await queue.SendMessageAsync(json, delay == TimeSpan.Zero ? null : delay, timeToLive: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"sending a message to queue {queue.Name}", queue.Uri, ex);
        }
    }
}
