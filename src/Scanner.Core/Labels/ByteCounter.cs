using System.Buffers;

namespace Scanner.Core.Labels;

/// <summary>A buffer writer that only counts: measures a JSON document without keeping it.</summary>
internal sealed class ByteCounter : IBufferWriter<byte>
{
    private byte[] scratch = new byte[256];

    public long Count { get; private set; }

    public void Advance(int count) => Count += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint);

    // The writer writes into the same scratch space again and again; only the count survives.
    private byte[] Buffer(int sizeHint)
    {
        if (scratch.Length < sizeHint)
        {
            scratch = new byte[Math.Max(sizeHint, scratch.Length * 2)];
        }

        return scratch;
    }
}
