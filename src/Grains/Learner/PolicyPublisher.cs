using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Chunks;
using Rlvr.Storage.Deltas;
using Rlvr.Torch;
using F = Rlvr.Grains.Learner.PolicyPublicationFormat;

namespace Rlvr.Grains.Learner;

/// <summary>
/// Publishes a learner's policy versions to the checkpoint store as chunked blobs (<see cref="PolicyPublicationFormat"/>):
/// a version is written whole every <see cref="FullEvery"/> versions, when the one before is not held (the first after
/// a warm start, restore or move), and when its delta would not be less than half its size; otherwise as the changed
/// words since the version before. Keeps the current and previous versions' weights, the only ones rollouts may ask for,
/// and collects the store's older blobs after each publication. Called on the grain's thread; the writes run off it.
/// </summary>
public sealed partial class PolicyPublisher(ChunkedBlobStore store, string collection, PolicyConfig shape, ILogger logger)
{
    /// <summary>A silo that missed versions needs at most this many deltas' worth of staleness before a whole version.</summary>
    public const int FullEvery = 8;

    private Held? _current;
    private Held? _previous;

    /// <summary>
    /// Publishes <paramref name="version"/> unless already published; <paramref name="export"/> gives its weights and
    /// their hash, and is called only when it is not. It becomes the current version, the one before it the previous.
    /// </summary>
    public Task<PolicyPublication> Publish(long version, Func<(byte[] Weights, string Hash)> export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (Published(version) is { } published)
        {
            return published;
        }
        var (weights, hash) = export();
        var before = _current is { } current && current.Version == version - 1 ? current : null;
        var next = new Held(version, weights, hash);
        next.Publication = Task.Run(() => PublishAsync(next, before));
        (_previous, _current) = (before, next);
        return next.Publication;
    }

    /// <summary>
    /// The publication of a version held (current or previous), or null; one whose writes failed is tried again (the
    /// silo that asked retries the rollout).
    /// </summary>
    public Task<PolicyPublication>? Published(long version)
    {
        if (Find(version) is not { } held)
        {
            return null;
        }
        if (held.Publication.IsFaulted || held.Publication.IsCanceled)
        {
            var before = held == _current ? _previous : null;
            held.Publication = Task.Run(() => PublishAsync(held, before));
        }
        return held.Publication;
    }

    /// <summary>The version held, written whole if it was published as a delta (once, however many silos ask).</summary>
    public Task<PolicyPublication>? PublishedWhole(long version)
    {
        if (Published(version) is not { } published)
        {
            return null;
        }
        var held = Find(version)!;
        if (held.Whole is null || held.Whole.IsFaulted || held.Whole.IsCanceled)
        {
            held.Whole = Task.Run(async () =>
            {
                var publication = await published;
                return publication.Sequence == F.FullSequence(held.Version) ? publication : await WriteWholeAsync(held);
            });
        }
        return held.Whole;
    }

    private Held? Find(long version) =>
        _current is { } current && current.Version == version ? current
        : _previous is { } previous && previous.Version == version ? previous
        : null;

    private async Task<PolicyPublication> PublishAsync(Held version, Held? before)
    {
        PolicyPublication published;
        var delta = before is not null && version.Version % FullEvery != 0 && before.Weights.Length == version.Weights.Length
            ? WordDelta.Encode(before.Weights, version.Weights, F.WordSize)
            : null;
        if (delta is not null && delta.Length * 2L < version.Weights.Length)
        {
            var metadata = Metadata(version, F.Delta);
            metadata[F.BaseVersion] = F.Format(before!.Version);
            var manifest = await store.PutAsync(collection, F.DeltaSequence(version.Version), delta, metadata, []);
            published = new PolicyPublication(version.Version, shape, version.Hash, collection, manifest.Sequence);
        }
        else
        {
            published = await WriteWholeAsync(version);
        }
        await CollectAsync(version.Version);
        return published;
    }

    private async Task<PolicyPublication> WriteWholeAsync(Held version)
    {
        var manifest = await store.PutAsync(collection, F.FullSequence(version.Version), version.Weights, Metadata(version, F.Full), []);
        return new PolicyPublication(version.Version, shape, version.Hash, collection, manifest.Sequence);
    }

    // Rollouts ask for the current version or the one before; everything older goes. A failed collection is retried
    // by the next publication, so it only logs.
    private async Task CollectAsync(long version)
    {
        try
        {
            await store.CollectAsync(collection, F.FullSequence(version - 1));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCollectionFailed(logger, e, collection, version);
        }
    }

    private static Dictionary<string, string> Metadata(Held version, string kind) => new(StringComparer.Ordinal)
    {
        [F.Kind] = kind,
        [F.Version] = F.Format(version.Version),
        [F.WeightsHash] = version.Hash,
        [F.WeightsSha256] = version.Sha256,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting the published weights of {Collection} before version {Version} failed; the next publication tries again")]
    private static partial void LogCollectionFailed(ILogger logger, Exception exception, string collection, long version);

    /// <summary>A version's exported weights, their hash and SHA-256, its publication, and its whole publication when one was asked for.</summary>
    private sealed class Held(long version, byte[] weights, string hash)
    {
        public long Version { get; } = version;

        public byte[] Weights { get; } = weights;

        public string Hash { get; } = hash;

        // Computed off the grain's thread, by the first write that needs it (two computing it at once agree).
        public string Sha256 => field ??= Convert.ToHexStringLower(SHA256.HashData(Weights));

        public Task<PolicyPublication> Publication { get; set; } = null!;

        public Task<PolicyPublication>? Whole { get; set; }
    }
}
