using Rlvr.Storage.Checkpoints;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>A real checkpoint store whose operations fail on command, in the ways a disk or a database fails.</summary>
internal sealed class FaultInjectingCheckpointStore(ICheckpointStore inner) : ICheckpointStore
{
    /// <summary>Puts still to fail before they reach the store.</summary>
    public int FailuresBeforePut { get; set; }

    /// <summary>Puts still to land and then report a failure (outcome unknown to the caller).</summary>
    public int FailuresAfterPut { get; set; }

    /// <summary>Every put fails before reaching the store.</summary>
    public bool RefusePuts { get; set; }

    /// <summary>When set, every operation fails with this probability, a put before or after it lands (chosen at random too).</summary>
    public (Random Random, double Probability)? RandomFailures { get; set; }

    public Func<Exception> Failure { get; set; } = () => new TimeoutException("injected: the store did not answer");

    public int PutAttempts { get; private set; }

    public int LandedPuts { get; private set; }

    public int InjectedFailures { get; private set; }

    /// <summary>The store underneath, without faults.</summary>
    public ICheckpointStore Inner => inner;

    public Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        PutAsync(() => inner.PutBlobAsync(owner, sequence, name, data, cancellationToken));

    public Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default)
    {
        MaybeFailAtRandom();
        return inner.GetBlobAsync(owner, sequence, name, cancellationToken);
    }

    public Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default) =>
        PutAsync(() => inner.PutManifestAsync(owner, sequence, manifest, cancellationToken));

    public Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        MaybeFailAtRandom();
        return inner.GetManifestAsync(owner, sequence, cancellationToken);
    }

    public Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        MaybeFailAtRandom();
        return inner.ListAsync(owner, cancellationToken);
    }

    public Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        MaybeFailAtRandom();
        return inner.DeleteAsync(owner, sequence, cancellationToken);
    }

    private async Task PutAsync(Func<Task> put)
    {
        PutAttempts++;
        var failAfter = false;
        if (RandomFailures is var (random, probability) && random.NextDouble() < probability)
        {
            failAfter = random.Next(2) == 0;
            if (!failAfter)
            {
                throw Inject(Failure());
            }
        }

        if (RefusePuts || FailuresBeforePut-- > 0)
        {
            throw Inject(Failure());
        }

        await put();
        LandedPuts++;
        if (failAfter || FailuresAfterPut-- > 0)
        {
            throw Inject(new IOException("injected: written, but the acknowledgement was lost"));
        }
    }

    private void MaybeFailAtRandom()
    {
        if (RandomFailures is var (random, probability) && random.NextDouble() < probability)
        {
            throw Inject(Failure());
        }
    }

    private Exception Inject(Exception failure)
    {
        InjectedFailures++;
        return failure;
    }
}
