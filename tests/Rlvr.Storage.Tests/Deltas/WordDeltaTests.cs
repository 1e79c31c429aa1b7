using System.Buffers.Binary;
using Rlvr.Storage.Deltas;

namespace Rlvr.Storage.Tests.Deltas;

/// <summary>The delta's content worked out by hand on small buffers, and its refusals.</summary>
public sealed class WordDeltaTests
{
    [Fact]
    public void Fp32WordsThatChangedAreListedWithTheirNewValues()
    {
        var previous = Words32(1, 2, 3, 4);
        var current = Words32(1, 9, 3, 0x01020304);

        var delta = WordDelta.Encode(previous, current, wordSize: 4);
        var content = WordDelta.Decode(delta);

        Assert.Equal(4, content.WordSize);
        Assert.Equal(16, content.Length);
        Assert.Equal([1L, 3L], content.Indices);
        Assert.Equal(new byte[] { 9, 0, 0, 0, 0x04, 0x03, 0x02, 0x01 }, content.Values);
        Assert.Empty(content.Tail);
        Assert.Equal(current, WordDelta.Apply(previous, delta));
    }

    [Fact]
    public void Bf16WordsAreTwoBytesWide()
    {
        // 1.0, 2.0, 3.0 in bf16; the middle one moves by one unit in the last place.
        var previous = Words16(0x3F80, 0x4000, 0x4040);
        var current = Words16(0x3F80, 0x4001, 0x4040);

        var delta = WordDelta.Encode(previous, current, wordSize: 2);
        var content = WordDelta.Decode(delta);

        Assert.Equal([1L], content.Indices);
        Assert.Equal(new byte[] { 0x01, 0x40 }, content.Values);
        Assert.Equal(current, WordDelta.Apply(previous, delta));
    }

    [Fact]
    public void BytesAfterTheLastWholeWordTravelAsTheTail()
    {
        byte[] previous = [1, 0, 0, 0, 7, 8];
        byte[] current = [1, 0, 0, 0, 7, 5];

        var delta = WordDelta.Encode(previous, current, wordSize: 4);

        Assert.Empty(WordDelta.Decode(delta).Indices);
        Assert.Equal(new byte[] { 7, 5 }, WordDelta.Decode(delta).Tail);
        Assert.Equal(current, WordDelta.Apply(previous, delta));
    }

    [Fact]
    public void AppliedToOtherBaseWeightsItFailsInsteadOfDrifting()
    {
        var delta = WordDelta.Encode(Words32(1, 2, 3), Words32(1, 5, 3), wordSize: 4);

        var error = Assert.Throws<InvalidDataException>(() => WordDelta.Apply(Words32(1, 2, 4), delta));
        Assert.Contains("other base weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptedDeltaIsRefusedWithAReason()
    {
        var delta = WordDelta.Encode(Words32(1, 2, 3), Words32(1, 5, 3), wordSize: 4);
        delta[delta.Length / 2] ^= 0xFF;

        var error = Assert.Throws<InvalidDataException>(() => WordDelta.Apply(Words32(1, 2, 3), delta));
        Assert.StartsWith("word delta:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuffersOfDifferentLengthsHaveNoDelta()
    {
        var error = Assert.Throws<ArgumentException>(() => WordDelta.Encode(Words32(1, 2), Words32(1, 2, 3), wordSize: 4));
        Assert.Contains("8 bytes", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => WordDelta.Encode(Words32(1), Words32(2), wordSize: 3));
    }

    [Fact]
    public void ASparseChangeOfAMillionWordsRebuildsExactlyFromAFewKilobytes()
    {
        var random = new Random(7);
        var previous = new byte[4_000_000];
        random.NextBytes(previous);
        var current = previous.ToArray();
        var changed = new SortedSet<long>();
        while (changed.Count < 1000)
        {
            changed.Add(random.NextInt64(1_000_000));
        }
        foreach (var index in changed)
        {
            current[(index * 4) + random.Next(4)] ^= (byte)(1 + random.Next(255));
        }

        var delta = WordDelta.Encode(previous, current, wordSize: 4);

        Assert.Equal(changed, WordDelta.Decode(delta).Indices);
        Assert.Equal(changed, WordDelta.ChangedWords(previous, current, 4));
        Assert.Equal(current, WordDelta.Apply(previous, delta));
        // 1,000 values of 4 bytes and 1,000 gaps of about 1,000 words (2-byte varints), plus the header.
        Assert.InRange(delta.Length, 4_000, 7_000);
    }

    private static byte[] Words32(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), words[i]);
        }
        return bytes;
    }

    private static byte[] Words16(params ushort[] words)
    {
        var bytes = new byte[words.Length * 2];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), words[i]);
        }
        return bytes;
    }
}
