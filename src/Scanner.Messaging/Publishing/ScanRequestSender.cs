using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Scanning;

namespace Scanner.Messaging.Publishing;

/// <summary>
/// Enqueues scan requests to queue <c>scan-requests</c> with body <c>{"repository":"..."}</c> and
/// <c>MessageId</c> = <see cref="ScanRequest.MessageId"/>, so requests for one repository within a minute are one scan.
/// An id longer than Service Bus allows (a long repository name) is replaced by its SHA-256, which keeps the rule.
/// </summary>
public sealed class ScanRequestSender : IScanRequestSender
{
    public const string ContentType = "application/json; charset=utf-8";
    public const string Label = "scan-request";

    private readonly IMessageSender _sender;

    public ScanRequestSender(IMessageSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
    }

    public Task SendAsync(IReadOnlyList<ScanRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Count == 0
            ? Task.CompletedTask
            : _sender.SendAsync(MessagingEntities.ScanRequests, [.. requests.Select(ToMessage)], cancellationToken);
    }

    public static OutgoingMessage ToMessage(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("repository", request.Repository);
            writer.WriteEndObject();
        }

        return new OutgoingMessage(
            MessageIdFor(request),
            buffer.WrittenSpan.ToArray(),
            ContentType,
            Label,
            new Dictionary<string, string>(StringComparer.Ordinal) { [MessagingEntities.RepositoryProperty] = request.Repository });
    }

    /// <summary><see cref="ScanRequest.MessageId"/>, or <c>scan:sha256:{hex}</c> of it when it is too long for Service Bus.</summary>
    public static string MessageIdFor(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.MessageId.Length <= OutgoingMessage.MaxMessageIdLength
            ? request.MessageId
            : "scan:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.MessageId)));
    }

    /// <summary>Reads the repository from a scan request body (the queue trigger's side).</summary>
    public static string ReadRepository(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object &&
               document.RootElement.TryGetProperty("repository", out var repository) &&
               repository.ValueKind == JsonValueKind.String &&
               repository.GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException("A scan request body is {\"repository\":\"...\"}.");
    }
}
