using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Scanner.Application.Updates.Models;
using Scanner.Core.Updates;

namespace Scanner.Functions.Http;

/// <summary>
/// Writes an <see cref="UpdateCheckResponse"/> as <see cref="ScannerJsonContext"/> would (compact, property for
/// property, with the app's encoder). The answer grows with the question, and a JSON writer's per-value bookkeeping
/// was most of its cost: here the names, statuses and punctuation are constant bytes and a text is copied as UTF-8
/// unless the encoder would escape it. A test holds the bytes to the generated serializer's.
/// </summary>
public sealed class UpdateCheckResponseWriter : IUtf8JsonBody<UpdateCheckResponse>
{
    // The most UTF-8 one UTF-16 code unit becomes once escaped (\uXXXX).
    private const int MaxBytesPerChar = 6;

    // The constant bytes around the advice (54) and of one advice (114, and 35 for the longest status), rounded up.
    private const int MaxEnvelopeLength = 64;
    private const int MaxAdviceLength = 160;

    // The wire names the enum declares (JsonStringEnumMemberName), as its converter writes them, quoted.
    private static readonly byte[][] StatusNames = [.. Enum.GetValues<UpdateStatus>()
        .Select(status => JsonSerializer.SerializeToUtf8Bytes(status, ScannerJsonContext.Default.UpdateStatus))];

    private UpdateCheckResponseWriter()
    {
    }

    public static int MaxLength(UpdateCheckResponse value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = MaxEnvelopeLength + MaxLength(value.ApiVersion);
        var updates = value.Updates;
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            length += MaxAdviceLength + MaxLength(update.Repository) + MaxLength(update.InstalledVersion) +
                      MaxLength(update.LatestVersion) + MaxLength(update.LatestCompatibleVersion);
        }

        return length;
    }

    public static int Write(Span<byte> destination, JavaScriptEncoder encoder, UpdateCheckResponse value)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(value);
        var body = new Cursor(destination, encoder);
        body.Raw("{\"apiVersion\":"u8);
        body.String(value.ApiVersion);
        body.Raw(value.IncludePrerelease ? ",\"includePrerelease\":true,\"updates\":["u8 : ",\"includePrerelease\":false,\"updates\":["u8);
        var updates = value.Updates;
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            body.Raw(i == 0 ? "{\"repository\":"u8 : ",{\"repository\":"u8);
            body.String(update.Repository);
            body.Raw(",\"installedVersion\":"u8);
            body.String(update.InstalledVersion);
            body.Raw(",\"latestVersion\":"u8);
            body.String(update.LatestVersion);
            body.Raw(",\"latestCompatibleVersion\":"u8);
            body.String(update.LatestCompatibleVersion);
            body.Raw(update.UpdateAvailable ? ",\"updateAvailable\":true,\"status\":"u8 : ",\"updateAvailable\":false,\"status\":"u8);
            body.Raw(StatusNames[(int)update.Status]);
            body.Raw("}"u8);
        }

        body.Raw("]}"u8);
        return body.Written;
    }

    private static int MaxLength(string? text) => text is null ? 4 : 2 + (text.Length * MaxBytesPerChar);

    /// <summary>Writes into a span sized beforehand for everything written to it.</summary>
    private ref struct Cursor(Span<byte> span, JavaScriptEncoder encoder)
    {
        private readonly Span<byte> _span = span;

        public int Written { get; private set; }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_span[Written..]);
            Written += bytes.Length;
        }

        /// <summary>A JSON string, or null. Copied as UTF-8 when the encoder would leave every character as it is.</summary>
        public void String(string? text)
        {
            if (text is null)
            {
                Raw("null"u8);
                return;
            }

            _span[Written] = (byte)'"';
            var body = _span[(Written + 1)..];
            if (Utf8.FromUtf16(text, body, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done ||
                encoder.FindFirstCharacterToEncodeUtf8(body[..length]) >= 0)
            {
                var escaped = JsonEncodedText.Encode(text, encoder).EncodedUtf8Bytes;
                escaped.CopyTo(body);
                length = escaped.Length;
            }

            body[length] = (byte)'"';
            Written += length + 2;
        }
    }
}
