using System.Globalization;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Chunks;
using Rlvr.Torch;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Learning;

namespace Rlvr.Grains.Learner;

/// <summary>
/// Holds the policy in memory. Its durable copy is the campaign's checkpoint (weights, optimizer, generator): the
/// learner writes that blob when the campaign checkpoints and is given it when the campaign restores. A learner activated
/// anew holds no policy until then (<see cref="CampaignRestoreRequiredException"/>).
/// </summary>
[GpuSiloPlacementFilter]
public sealed partial class LearnerGrain(
    [PersistentState("learner")] IPersistentState<LearnerState> state,
    CheckpointRepository checkpoints,
    ChunkedBlobStore weightsStore,
    CampaignCache campaigns,
    SiloCapabilities silo,
    SiloDataDirectory dataDirectory,
    ILocalSiloDetails siloDetails,
    ILogger<LearnerGrain> logger)
    : Grain, ILearnerGrain
{
    private readonly NativeCallThread _native = new("learner");
    private Policy? _policy;
    private Campaign? _campaign;
    private long _version;

    // Publishes the versions' weights to the checkpoint store; exported between native calls, never during one.
    private PolicyPublisher? _publisher;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LogActivated(logger, this.GetPrimaryKeyString(), siloDetails.Name, siloDetails.SiloAddress, silo.Device);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policy?.Dispose();
        _native.Stop();
        return Task.CompletedTask;
    }

    public async Task<PolicySnapshot> Initialize(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec == spec && _policy is not null)
        {
            return Snapshot();
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
        var (policy, campaign) = Ready();
        if (stepNumber != _version + 1)
        {
            throw new InvalidOperationException(
                $"learner '{this.GetPrimaryKeyString()}' holds policy version {_version}, but step {stepNumber} needs version {stepNumber - 1}: restore the campaign from its last checkpoint.");
        }
        var batch = GrpoBatchBuilder.Build(groups, campaign.Catalog);
        var options = GrpoOptionsFactory.Create(campaign.Config, stepNumber, groups);
        // Rollout workers may ask for this version while the update runs: it is published before the update starts.
        _ = Publish(policy);
        var stats = await _native.Run(() =>
        {
            var result = policy.GrpoStep(batch, options);
            KillPoints.Reach(KillPoints.MidUpdate, stepNumber);
            return result;
        });
        _version++;
        return new LearnerUpdate(_version, Hash(policy), UpdateStatistics.Of(stats), batch.ResponseMask.Count(r => r));
    }

    public async Task<CheckpointBlob> WriteCheckpoint(long stepNumber)
    {
        var (policy, _) = Ready();
        var bytes = await _native.Run(policy.SaveState);
        return await checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.PolicyBlob, bytes);
    }

    public async Task Restore(CheckpointPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var spec = state.State.Spec ?? throw NotInitialized();
        var campaign = _campaign ?? await campaigns.LoadAsync(spec);
        var policy = _policy ?? PolicyFactory.Create(campaign.Config, silo.Device);
        await _native.Run(() => policy.LoadState(part.Data));
        (_policy, _campaign, _version) = (policy, campaign, part.Step);
        _publisher = NewPublisher(campaign, policy);
    }

    public Task<PolicyPublication> GetPublication(string configHash, long version)
    {
        var (policy, _) = ReadyFor(configHash);
        if (_publisher!.Published(version) is { } published)
        {
            return published;
        }
        // An update publishes its starting version before it begins, so this export never overlaps one.
        return version == _version ? Publish(policy) : throw NotHeld(version);
    }

    public Task<PolicyPublication> GetFullPublication(string configHash, long version)
    {
        var (policy, _) = ReadyFor(configHash);
        if (version == _version)
        {
            Publish(policy);
        }
        return _publisher!.PublishedWhole(version) ?? throw NotHeld(version);
    }

    public Task<PolicySnapshot> GetSnapshot()
    {
        Ready();
        return Task.FromResult(Snapshot());
    }

    private Task<PolicyPublication> Publish(Policy policy) =>
        _publisher!.Publish(_version, () => (policy.ExportWeights(), Hash(policy)));

    private PolicyPublisher NewPublisher(Campaign campaign, Policy policy) =>
        new(weightsStore, PolicyPublicationFormat.Collection(this.GetPrimaryKeyString(), campaign.ConfigHash), policy.Config, logger);

    private (Policy Policy, Campaign Campaign) ReadyFor(string configHash)
    {
        if (state.State.Spec is null)
        {
            throw new CampaignConflictException(
                $"campaign '{this.GetPrimaryKeyString()}' has no built-in learner, so no published policy versions: its trainer is external (the weights live there), or it is still being created.");
        }
        var ready = Ready();
        if (!string.Equals(configHash, ready.Campaign.ConfigHash, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"learner '{this.GetPrimaryKeyString()}': the weights of configuration {configHash} were asked for, but the campaign was created again with {ready.Campaign.ConfigHash}.");
        }
        return ready;
    }

    private PolicyVersionNotHeldException NotHeld(long version) =>
        new($"learner '{this.GetPrimaryKeyString()}': policy version {version} was asked for but the learner holds {_version}.");

    private PolicySnapshot Snapshot() => new(_version, Hash(_policy!), state.State.WarmStartFromCache);

    private (Policy Policy, Campaign Campaign) Ready() => _policy is { } policy && _campaign is { } campaign
        ? (policy, campaign)
        : state.State.Spec is null
            ? throw NotInitialized()
            : throw new CampaignRestoreRequiredException(
                $"learner '{this.GetPrimaryKeyString()}' was activated anew and holds no policy until its campaign restores it.");

    private async Task<bool> WarmStarted(CampaignSpec spec)
    {
        var campaign = await campaigns.LoadAsync(spec);
        var policy = PolicyFactory.Create(campaign.Config, silo.Device);
        var fromCache = await _native.Run(() =>
        {
            KillPoints.Reach(KillPoints.WarmStart, 0);
            var cached = WarmStart.Apply(policy, campaign, dataDirectory.Path);
            // The KL reference is the warm-started policy, not the random initialization.
            policy.SnapshotReference();
            return cached;
        });
        _policy?.Dispose();
        (_policy, _campaign, _version) = (policy, campaign, 0);
        _publisher = NewPublisher(campaign, policy);
        return fromCache;
    }

    private InvalidOperationException NotInitialized() => new($"learner '{this.GetPrimaryKeyString()}' has not been initialized.");

    private static string Hash(Policy policy) => policy.WeightsHash().ToString("x16", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learner {Campaign} activated on silo {Silo} ({Address}), device {Device}")]
    private static partial void LogActivated(ILogger logger, string campaign, string silo, SiloAddress address, string device);

    public async Task Delete()
    {
        if (state.State.Spec is { } spec)
        {
            // The published versions go with the campaign: every blob of its publication collection.
            var campaign = await campaigns.LoadAsync(spec);
            await weightsStore.CollectAsync(PolicyPublicationFormat.Collection(this.GetPrimaryKeyString(), campaign.ConfigHash), keepFrom: long.MaxValue);
        }
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
