using System.Text;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Replay;

namespace Rlvr.Grains.Replay;

/// <summary>
/// The replay buffer in memory; its durable copy is the campaign's checkpoint. An activation holds no buffer until the
/// campaign restores it (<see cref="CampaignRestoreRequiredException"/>).
/// </summary>
public sealed class ReplayBufferGrain(
    [PersistentState("replay")] IPersistentState<ReplayBufferGrainState> state, CheckpointRepository checkpoints, CampaignCache campaigns)
    : Grain, IReplayBufferGrain
{
    private ReplayBuffer? _buffer;
    private ulong _seed;

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Another spec is what a creation that failed or was cut short by a crash left: the campaign configures this
        // only while it does not exist, and creating it again starts over.
        await Build(spec);
        if (state.State.Spec != spec)
        {
            state.State = new ReplayBufferGrainState { Spec = spec };
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<RolloutGroup>> Draw(long stepNumber, int batchSize, long policyVersion) =>
        Task.FromResult(Buffer.Draw(batchSize, policyVersion, RngFactory.Create(_seed, stepNumber, "replay/draw")));

    public Task<int> Add(IReadOnlyList<RolloutGroup> groups)
    {
        Buffer.Add(groups);
        return Task.FromResult(Buffer.Groups.Count);
    }

    public Task<CheckpointBlob> WriteCheckpoint(long stepNumber) =>
        checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.ReplayBlob, Encoding.UTF8.GetBytes(Buffer.ExportState()));

    public async Task Restore(CheckpointPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        await Build(state.State.Spec ?? throw NotConfigured());
        Buffer.ImportState(Encoding.UTF8.GetString(part.Data));
    }

    public Task<ReplayStats> GetStats() => Task.FromResult(
        state.State.Spec is null ? new ReplayStats(false, 0, 0, 0) : new ReplayStats(true, Buffer.Groups.Count, Buffer.Admitted, Buffer.Replayed));

    private ReplayBuffer Buffer => _buffer ?? (state.State.Spec is null
        ? throw NotConfigured()
        : throw new CampaignRestoreRequiredException(
            $"replay buffer '{this.GetPrimaryKeyString()}' was activated anew and holds nothing until its campaign restores it."));

    private InvalidOperationException NotConfigured() => new($"replay buffer '{this.GetPrimaryKeyString()}' has not been configured.");

    private async Task Build(CampaignSpec spec)
    {
        var config = (await campaigns.LoadAsync(spec)).Config;
        var replay = config.Replay;
        _buffer = new ReplayBuffer(new ReplayOptions(replay.Capacity, replay.FreshFraction, replay.MaxStaleness));
        _seed = config.Seed;
    }

    public async Task Delete()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
