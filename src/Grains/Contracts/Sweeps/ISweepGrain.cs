using Orleans.Concurrency;
using Rlvr.Training.Sweeps;

namespace Rlvr.Grains.Contracts;

/// <summary>A sweep (key: sweep id): expands its spec into campaigns, runs them with a concurrency limit, compares its arms.</summary>
[Alias("rlvr.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the sweep from its self-contained <paramref name="spec"/> (a <see cref="SweepSpecException"/> names what
    /// is wrong) and starts it. Creating again with the same spec returns the sweep as it is; another spec is a
    /// <see cref="CampaignConflictException"/>.
    /// </summary>
    Task<SweepView> Create(string spec);

    /// <summary>Stops the sweep for good, and its campaigns with it (each checkpoints where it stands).</summary>
    Task<SweepView> Terminate();

    // Reads interleave with the scheduling turns, so that a dashboard's polls answer at once.
    [AlwaysInterleave]
    Task<SweepView> GetView();

    [AlwaysInterleave]
    Task<SweepStatus> GetStatus();
}
