namespace Rlvr.Training.Determinism;

/// <summary>
/// Derives every random stream of a campaign from (campaign seed, step, purpose name), so a resumed
/// step draws exactly what the interrupted one drew and unrelated purposes never share a stream.
/// </summary>
public static class RngFactory
{
    public static ulong DeriveSeed(ulong campaignSeed, long step, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var h = StableHash.Combine(SplitMix64.Mix(campaignSeed), SplitMix64.Mix(unchecked((ulong)step)));
        return StableHash.Combine(h, StableHash.Of(purpose));
    }

    public static DeterministicRng Create(ulong campaignSeed, long step, string purpose) =>
        new(DeriveSeed(campaignSeed, step, purpose));
}
