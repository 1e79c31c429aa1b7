using System.Text;
using Orleans;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Curriculum;
using Rlvr.Grains.Determinism;
using Rlvr.Grains.Grpo;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Grains.Grains;

/// <summary>The replay buffer in memory; its durable copy is the campaign's checkpoint, which an activation starts from.</summary>
public sealed class ReplayBufferGrain(
    [PersistentState("replay")] IPersistentState<ReplayBufferGrainState> state, CheckpointRepository checkpoints, CampaignCache campaigns)
    : Grain, IReplayBufferGrain
{
    private ReplayBuffer? _buffer;
    private ulong _seed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is { } spec)
        {
            Build(spec);
            if (await checkpoints.LatestAsync(this.GetPrimaryKeyString(), cancellationToken) is { } manifest)
            {
                await Restore(manifest);
            }
        }
    }

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec == spec)
        {
            return;
        }
        // Another spec is what a creation that failed or was cut short by a crash left: the campaign configures this
        // only while it does not exist, and creating it again starts over.
        Build(spec);
        state.State = new ReplayBufferGrainState { Spec = spec };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RolloutGroup>> Draw(long stepNumber, int batchSize, long policyVersion) =>
        Task.FromResult(Buffer.Draw(batchSize, policyVersion, RngFactory.Create(_seed, stepNumber, "replay/draw")));

    public Task Add(IReadOnlyList<RolloutGroup> groups)
    {
        Buffer.Add(groups);
        return Task.CompletedTask;
    }

    public Task<CheckpointBlob> WriteCheckpoint(long stepNumber) =>
        checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.ReplayBlob, Encoding.UTF8.GetBytes(Buffer.ExportState()));

    public async Task Restore(CheckpointManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var bytes = await checkpoints.ReadBlobAsync(manifest, CampaignCheckpoint.ReplayBlob);
        Build(state.State.Spec ?? throw new InvalidOperationException($"replay buffer '{this.GetPrimaryKeyString()}' has not been configured."));
        Buffer.ImportState(Encoding.UTF8.GetString(bytes));
    }

    public Task<ReplayStats> GetStats() => Task.FromResult(
        _buffer is null ? new ReplayStats(false, 0, 0, 0) : new ReplayStats(true, _buffer.Groups.Count, _buffer.Admitted, _buffer.Replayed));

    private ReplayBuffer Buffer => _buffer ?? throw new InvalidOperationException($"replay buffer '{this.GetPrimaryKeyString()}' has not been configured.");

    private void Build(CampaignSpec spec)
    {
        var config = campaigns.Load(spec).Config;
        var replay = config.Replay;
        _buffer = new ReplayBuffer(new ReplayOptions(replay.Capacity, replay.FreshFraction, replay.MaxStaleness));
        _seed = config.Seed;
    }
}
