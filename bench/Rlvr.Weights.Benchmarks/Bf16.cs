using System.Buffers.Binary;

namespace Rlvr.Weights.Benchmarks;

/// <summary>What a bf16 rollout copy of fp32 weights would hold: each 4-byte word rounded to its upper 16 bits, to nearest even.</summary>
internal static class Bf16
{
    public static byte[] Round(ReadOnlySpan<byte> fp32)
    {
        var words = fp32.Length / 4;
        var bf16 = new byte[words * 2];
        for (var i = 0; i < words; i++)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(fp32[(i * 4)..]);
            var rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
            BinaryPrimitives.WriteUInt16LittleEndian(bf16.AsSpan(i * 2), (ushort)rounded);
        }
        return bf16;
    }
}
