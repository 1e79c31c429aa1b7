using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Rlvr.Storage.Deltas;

/// <summary>
/// A lossless delta between two buffers of equal length read as little-endian words of 2 bytes (bf16, fp16) or 4 bytes
/// (fp32): the indices of the words that differ and their new values, zlib-compressed. Indices are stored as gaps
/// (small varints), values by byte plane (the exponent bytes of nearby weights are alike), so both compress. The delta
/// carries the SHA-256 of the buffer it was made against and of the one it rebuilds: applied to any other base, or
/// rebuilding anything else, it fails instead of drifting silently.
/// </summary>
public static class WordDelta
{
    private const uint Magic = 0x31445752; // "RWD1"
    private const int HashLength = 32;

    /// <summary>The delta that turns <paramref name="previous"/> into <paramref name="current"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> current, int wordSize)
    {
        CheckWordSize(wordSize);
        if (previous.Length != current.Length)
        {
            throw new ArgumentException($"a delta needs buffers of one length: the previous has {previous.Length} bytes, the current {current.Length}.", nameof(current));
        }
        var words = current.Length / wordSize;
        var changed = ChangedWords(previous, current, wordSize);

        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            Span<byte> header = stackalloc byte[4 + 1 + 8 + 8 + 2 * HashLength];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            header[4] = (byte)wordSize;
            BinaryPrimitives.WriteInt64LittleEndian(header[5..], current.Length);
            BinaryPrimitives.WriteInt64LittleEndian(header[13..], changed.Count);
            SHA256.HashData(previous, header[21..]);
            SHA256.HashData(current, header[(21 + HashLength)..]);
            zlib.Write(header);

            var varints = new byte[changed.Count * 10];
            var at = 0;
            var last = -1L;
            foreach (var index in changed)
            {
                at += WriteVarint(varints.AsSpan(at), (ulong)(index - last - 1));
                last = index;
            }
            zlib.Write(varints, 0, at);

            var planes = new byte[changed.Count * wordSize];
            for (var i = 0; i < changed.Count; i++)
            {
                var word = current.Slice((int)(changed[i] * wordSize), wordSize);
                for (var b = 0; b < wordSize; b++)
                {
                    planes[(b * changed.Count) + i] = word[b];
                }
            }
            zlib.Write(planes);
            zlib.Write(current[(words * wordSize)..]);
        }
        return output.ToArray();
    }

    /// <summary>What a delta holds; throws <see cref="InvalidDataException"/> naming what is wrong with a malformed one.</summary>
    public static WordDeltaContent Decode(ReadOnlySpan<byte> delta)
    {
        byte[] payload;
        try
        {
            using var input = new MemoryStream(delta.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            payload = output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"word delta: not a zlib stream ({e.Message})", e);
        }
        var span = payload.AsSpan();
        if (span.Length < 21 + (2 * HashLength) || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic)
        {
            throw new InvalidDataException("word delta: no RWD1 header");
        }
        int wordSize = span[4];
        var length = BinaryPrimitives.ReadInt64LittleEndian(span[5..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(span[13..]);
        if (wordSize is not (2 or 4) || length < 0 || count < 0 || count > length / wordSize)
        {
            throw new InvalidDataException($"word delta: bad header (word size {wordSize}, length {length}, {count} changed words)");
        }
        var baseSha256 = span.Slice(21, HashLength).ToArray();
        var resultSha256 = span.Slice(21 + HashLength, HashLength).ToArray();
        var at = 21 + (2 * HashLength);

        var indices = new long[count];
        var last = -1L;
        for (var i = 0; i < count; i++)
        {
            var gap = ReadVarint(span, ref at);
            last = checked(last + 1 + (long)gap);
            if (last >= length / wordSize)
            {
                throw new InvalidDataException($"word delta: index {last} is past the last word ({(length / wordSize) - 1})");
            }
            indices[i] = last;
        }
        var tail = (int)(length % wordSize);
        if (span.Length - at != (count * wordSize) + tail)
        {
            throw new InvalidDataException($"word delta: {span.Length - at} bytes of values, {(count * wordSize) + tail} expected");
        }
        var values = new byte[count * wordSize];
        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < wordSize; b++)
            {
                values[(i * wordSize) + b] = span[at + (int)((b * count) + i)];
            }
        }
        return new WordDeltaContent(wordSize, length, indices, values, span[(at + values.Length)..].ToArray(), baseSha256, resultSha256);
    }

    /// <summary>
    /// The buffer the delta rebuilds from <paramref name="previous"/>; throws <see cref="InvalidDataException"/> when
    /// <paramref name="previous"/> is not the delta's base or the result is not the buffer it was made from.
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> delta)
    {
        var content = Decode(delta);
        if (previous.Length != content.Length || !SHA256.HashData(previous).AsSpan().SequenceEqual(content.BaseSha256))
        {
            throw new InvalidDataException("word delta: made against other base weights than the ones given");
        }
        var result = previous.ToArray();
        for (var i = 0; i < content.Indices.Count; i++)
        {
            content.Values.AsSpan(i * content.WordSize, content.WordSize).CopyTo(result.AsSpan((int)(content.Indices[i] * content.WordSize)));
        }
        content.Tail.CopyTo(result.AsSpan(result.Length - content.Tail.Length));
        if (!SHA256.HashData(result).AsSpan().SequenceEqual(content.ResultSha256))
        {
            throw new InvalidDataException("word delta: the rebuilt weights do not have the SHA-256 of the ones the delta was made from");
        }
        return result;
    }

    /// <summary>The indices of the words that differ between two buffers (over the shorter one's whole words), ascending.</summary>
    public static List<long> ChangedWords(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> current, int wordSize)
    {
        CheckWordSize(wordSize);
        var length = Math.Min(previous.Length, current.Length) / wordSize * wordSize;
        return wordSize == 2
            ? ChangedWords(MemoryMarshal.Cast<byte, ushort>(previous[..length]), MemoryMarshal.Cast<byte, ushort>(current[..length]))
            : ChangedWords(MemoryMarshal.Cast<byte, uint>(previous[..length]), MemoryMarshal.Cast<byte, uint>(current[..length]));
    }

    // Vectorized skipping over the unchanged runs, which are most of a sparse update.
    private static List<long> ChangedWords<T>(ReadOnlySpan<T> previous, ReadOnlySpan<T> current)
        where T : IEquatable<T>
    {
        var changed = new List<long>();
        var i = 0;
        while (i < current.Length)
        {
            i += previous[i..].CommonPrefixLength(current[i..]);
            if (i < current.Length)
            {
                changed.Add(i++);
            }
        }
        return changed;
    }

    private static void CheckWordSize(int wordSize)
    {
        if (wordSize is not (2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(wordSize), wordSize, "a word is 2 bytes (bf16, fp16) or 4 bytes (fp32).");
        }
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= source.Length)
            {
                throw new InvalidDataException("word delta: the indices end mid-varint");
            }
            var b = source[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("word delta: an index varint longer than 64 bits");
    }
}
