namespace Rlvr.Training.Determinism;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): a seed expander and a 64-bit mixing function.</summary>
public static class SplitMix64
{
    /// <summary>The SplitMix64 finaliser applied to <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9e3779b97f4a7c15UL;
        return Mix(state);
    }
}
