using System.Globalization;
using Orleans;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Learning;
using Rlvr.Storage.Checkpoints;
using Rlvr.Torch;

namespace Rlvr.Grains.Grains;

/// <summary>
/// Holds the policy in memory. Its durable copy is the campaign's checkpoint (weights, optimizer, generator): the
/// learner writes that blob when the campaign checkpoints and loads it when the campaign restores. A learner activated
/// by anything else loads the latest checkpoint, or the warm-started policy when there is none yet.
/// </summary>
public sealed class LearnerGrain(
    [PersistentState("learner")] IPersistentState<LearnerState> state, CheckpointRepository checkpoints, CampaignCache campaigns)
    : Grain, ILearnerGrain
{
    private Policy? _policy;
    private Campaign? _campaign;
    private long _version;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policy?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<PolicySnapshot> Initialize(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec == spec)
        {
            return await GetSnapshot();
        }
        // Another spec is what a creation that failed or was cut short by a crash left: the campaign calls this only while
        // it does not exist, and creating it again starts over (WarmStarted replaces the policy in memory).
        var fromCache = await WarmStarted(spec);
        state.State = new LearnerState { Spec = spec, WarmStartFromCache = fromCache };
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<LearnerUpdate> Update(long stepNumber, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var (policy, campaign) = await Ready();
        if (stepNumber != _version + 1)
        {
            throw new InvalidOperationException(
                $"learner '{this.GetPrimaryKeyString()}' holds policy version {_version}, but step {stepNumber} needs version {stepNumber - 1}: restore the campaign from its last checkpoint.");
        }
        var batch = GrpoBatchBuilder.Build(groups, campaign.Catalog);
        var options = GrpoOptionsFactory.Create(campaign.Config, stepNumber);
        var stats = await Task.Run(() =>
        {
            var result = policy.GrpoStep(batch, options);
            KillPoints.Reach(KillPoints.MidUpdate, stepNumber);
            return result;
        });
        _version++;
        return new LearnerUpdate(_version, Hash(policy), stats, batch.ResponseMask.Count(r => r));
    }

    public async Task<CheckpointBlob> WriteCheckpoint(long stepNumber)
    {
        var (policy, _) = await Ready();
        var bytes = await Task.Run(policy.SaveState);
        return await checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.PolicyBlob, bytes);
    }

    public async Task Restore(CheckpointManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var spec = state.State.Spec ?? throw NotInitialized();
        var bytes = await checkpoints.ReadBlobAsync(manifest, CampaignCheckpoint.PolicyBlob);
        var campaign = _campaign ?? campaigns.Load(spec);
        var policy = _policy ?? PolicyFactory.Create(campaign.Config);
        await Task.Run(() => policy.LoadState(bytes));
        (_policy, _campaign, _version) = (policy, campaign, manifest.Sequence);
    }

    public async Task<PolicyWeights> GetWeights()
    {
        var (policy, _) = await Ready();
        return new PolicyWeights(_version, policy.Config, policy.ExportWeights());
    }

    public async Task<PolicySnapshot> GetSnapshot()
    {
        await Ready();
        return Snapshot();
    }

    private PolicySnapshot Snapshot() => new(_version, Hash(_policy!), state.State.WarmStartFromCache);

    /// <summary>The policy in memory, else the latest checkpoint's, else the warm-started one (before checkpoint 0).</summary>
    private async Task<(Policy Policy, Campaign Campaign)> Ready()
    {
        if (_policy is null || _campaign is null)
        {
            var spec = state.State.Spec ?? throw NotInitialized();
            if (await checkpoints.LatestAsync(this.GetPrimaryKeyString()) is { } manifest)
            {
                await Restore(manifest);
            }
            else
            {
                await WarmStarted(spec);
            }
        }
        return (_policy!, _campaign!);
    }

    private async Task<bool> WarmStarted(CampaignSpec spec)
    {
        var campaign = campaigns.Load(spec);
        var policy = PolicyFactory.Create(campaign.Config);
        var fromCache = await Task.Run(() =>
        {
            var cached = WarmStart.Apply(policy, campaign, spec.DataDirectory);
            // The KL reference is the warm-started policy, not the random initialization.
            policy.SnapshotReference();
            return cached;
        });
        _policy?.Dispose();
        (_policy, _campaign, _version) = (policy, campaign, 0);
        return fromCache;
    }

    private InvalidOperationException NotInitialized() => new($"learner '{this.GetPrimaryKeyString()}' has not been initialized.");

    private static string Hash(Policy policy) => policy.WeightsHash().ToString("x16", CultureInfo.InvariantCulture);
}
