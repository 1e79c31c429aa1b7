using System.Globalization;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Learning;
using Rlvr.Grains.Verifiers;
using Rlvr.Runtime;
using Rlvr.Torch;

namespace Rlvr.Grains.Grains;

/// <summary>
/// Holds the policy in memory and saves it (weights and optimizer) to the campaign directory after every update,
/// so a re-activated learner continues from the latest version.
/// </summary>
public sealed class LearnerGrain([PersistentState("learner")] IPersistentState<LearnerState> state) : Grain, ILearnerGrain
{
    private const string PolicyFileName = "policy.state";
    private Policy? _policy;
    private Campaign? _campaign;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is { } spec)
        {
            _campaign = spec.Load(VerifierRegistry.CreateDefault());
            var policy = PolicyFactory.Create(_campaign.Config);
            await Task.Run(() => policy.LoadState(PolicyPath(spec)), cancellationToken);
            _policy = policy;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policy?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<PolicySnapshot> Initialize(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec is not null)
        {
            return state.State.Spec == spec
                ? Snapshot()
                : throw new InvalidOperationException($"learner '{GetPrimaryKeyString()}' is already initialized with another campaign spec.");
        }
        var campaign = spec.Load(VerifierRegistry.CreateDefault());
        var policy = PolicyFactory.Create(campaign.Config);
        var fromCache = await Task.Run(() =>
        {
            var cached = WarmStart.Apply(policy, campaign, spec.DataDirectory);
            // The KL reference is the warm-started policy, not the random initialization.
            policy.SnapshotReference();
            Directory.CreateDirectory(spec.CampaignDirectory(GetPrimaryKeyString()));
            policy.SaveState(PolicyPath(spec));
            return cached;
        });
        (_policy, _campaign) = (policy, campaign);
        state.State = new LearnerState { Spec = spec, Version = 0, WeightsHash = Hash(policy), WarmStartFromCache = fromCache };
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<LearnerUpdate> Update(long stepNumber, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var (policy, campaign) = Ready();
        var batch = GrpoBatchBuilder.Build(groups, campaign.Catalog);
        var options = GrpoOptionsFactory.Create(campaign.Config, stepNumber);
        var stats = await Task.Run(() =>
        {
            var result = policy.GrpoStep(batch, options);
            policy.SaveState(PolicyPath(state.State.Spec!));
            return result;
        });
        state.State.Version++;
        state.State.WeightsHash = Hash(policy);
        await state.WriteStateAsync();
        return new LearnerUpdate(state.State.Version, state.State.WeightsHash, stats, batch.ResponseMask.Count(r => r));
    }

    public Task<PolicyWeights> GetWeights()
    {
        var (policy, _) = Ready();
        return Task.FromResult(new PolicyWeights(state.State.Version, policy.Config, policy.ExportWeights()));
    }

    public Task<PolicySnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    private PolicySnapshot Snapshot() => new(state.State.Version, state.State.WeightsHash, state.State.WarmStartFromCache);

    private (Policy Policy, Campaign Campaign) Ready() =>
        _policy is not null && _campaign is not null
            ? (_policy, _campaign)
            : throw new InvalidOperationException($"learner '{GetPrimaryKeyString()}' has not been initialized.");

    private string PolicyPath(CampaignSpec spec) => Path.Combine(spec.CampaignDirectory(GetPrimaryKeyString()), PolicyFileName);

    private static string Hash(Policy policy) => policy.WeightsHash().ToString("x16", CultureInfo.InvariantCulture);
}
