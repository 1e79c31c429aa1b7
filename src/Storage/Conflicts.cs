using Orleans.Storage;

namespace Rlvr.Storage;

/// <summary>The conflict a state store reports when the stored ETag is not the one a write presented.</summary>
internal static class Conflicts
{
    public static InconsistentStateException ETagMismatch(GrainStateKey key, string? expectedETag, string? storedETag) => new(
        $"Inconsistent state for {key}: expected ETag '{expectedETag ?? "<none>"}' but storage holds '{storedETag ?? "<none>"}'.",
        storedETag ?? "", expectedETag ?? "");
}
