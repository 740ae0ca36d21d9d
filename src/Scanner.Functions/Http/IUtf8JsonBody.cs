using System.Text.Encodings.Web;

namespace Scanner.Functions.Http;

/// <summary>
/// Writes one type's JSON body into a span sized beforehand: <see cref="MaxLength"/> is never less than what
/// <see cref="Write"/> writes for the same value, with any encoder.
/// </summary>
public interface IUtf8JsonBody<in TValue>
{
    static abstract int MaxLength(TValue value);

    /// <summary>Writes <paramref name="value"/> as the app's (compact) JSON options would, with its encoder; returns the bytes written.</summary>
    static abstract int Write(Span<byte> destination, JavaScriptEncoder encoder, TValue value);
}
