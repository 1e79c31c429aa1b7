using System.Text;

namespace Rlvr.Training.Determinism;

/// <summary>
/// Hashes that are identical in every process and every .NET version (unlike string.GetHashCode):
/// FNV-1a 64 over UTF-8 bytes, finished by the SplitMix64 mixer.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 0xcbf29ce484222325UL;
    private const ulong FnvPrime = 0x100000001b3UL;

    /// <summary>Plain FNV-1a 64 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return hash;
    }

    /// <summary>Well-mixed 64-bit hash of a string.</summary>
    public static ulong Of(string text) => SplitMix64.Mix(Fnv1a64(text));

    /// <summary>Combines hashes order-sensitively.</summary>
    public static ulong Combine(ulong first, ulong second) =>
        SplitMix64.Mix(first ^ (second + 0x9e3779b97f4a7c15UL + (first << 6) + (first >> 2)));

    /// <summary>Maps a hash to [0, 1) with 53 bits of precision.</summary>
    public static double ToUnitInterval(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
