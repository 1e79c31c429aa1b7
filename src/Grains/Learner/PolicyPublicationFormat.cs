using System.Globalization;

namespace Rlvr.Grains.Learner;

/// <summary>
/// How a learner lays its published versions out in the checkpoint store, as chunked blobs: one collection per campaign
/// and configuration, version v whole as blob 2v and as a delta from version v-1 as blob 2v+1, each manifest saying
/// which it is, the version's weights hash and SHA-256, and (for a delta) the version it was made against.
/// </summary>
public static class PolicyPublicationFormat
{
    public const string Kind = "kind";
    public const string Full = "full";
    public const string Delta = "delta";
    public const string Version = "version";
    public const string WeightsHash = "weights-hash";
    public const string BaseVersion = "base-version";

    /// <summary>The SHA-256 of the version's exported weights: what a delta must rebuild, checked by clients outside the cluster.</summary>
    public const string WeightsSha256 = "weights-sha256";

    /// <summary>The exported weights are fp32 on the CPU: a delta compares them 4 bytes at a time.</summary>
    public const int WordSize = 4;

    /// <summary>
    /// Prefixed with '_', which no campaign id starts with, so the collection never meets a campaign's checkpoints; the
    /// configuration hash keeps a campaign created again apart from its earlier creation.
    /// </summary>
    public static string Collection(string campaignId, string configHash) =>
        $"_weights.{campaignId}.{configHash[..Math.Min(16, configHash.Length)]}";

    public static long FullSequence(long version) => 2 * version;

    public static long DeltaSequence(long version) => (2 * version) + 1;

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
