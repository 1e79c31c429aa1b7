using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Curriculum;
using Rlvr.Grains.Determinism;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Verifiers;
using Rlvr.Runtime;

namespace Rlvr.Grains.Grains;

public sealed class ReplayBufferGrain([PersistentState("replay")] IPersistentState<ReplayBufferGrainState> state)
    : Grain, IReplayBufferGrain
{
    private ReplayBuffer? _buffer;
    private ulong _seed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is { } spec)
        {
            Build(spec);
            if (state.State.Buffer is { } buffer)
            {
                _buffer!.ImportState(buffer);
            }
        }
        return Task.CompletedTask;
    }

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec is not null)
        {
            if (state.State.Spec != spec)
            {
                throw new InvalidOperationException($"replay buffer '{GetPrimaryKeyString()}' is already configured with another campaign spec.");
            }
            return;
        }
        Build(spec);
        state.State = new ReplayBufferGrainState { Spec = spec, Buffer = Buffer.ExportState() };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RolloutGroup>> Draw(long stepNumber, int batchSize, long policyVersion) =>
        Task.FromResult(Buffer.Draw(batchSize, policyVersion, RngFactory.Create(_seed, stepNumber, "replay/draw")));

    public async Task Add(IReadOnlyList<RolloutGroup> groups)
    {
        Buffer.Add(groups);
        state.State.Buffer = Buffer.ExportState();
        await state.WriteStateAsync();
    }

    public Task<ReplayStats> GetStats() => Task.FromResult(new ReplayStats(Buffer.Groups.Count, Buffer.Admitted, Buffer.Replayed));

    private ReplayBuffer Buffer => _buffer ?? throw new InvalidOperationException($"replay buffer '{GetPrimaryKeyString()}' has not been configured.");

    private void Build(CampaignSpec spec)
    {
        var config = spec.Load(VerifierRegistry.CreateDefault()).Config;
        var replay = config.Replay;
        _buffer = new ReplayBuffer(new ReplayOptions(replay.Capacity, replay.FreshFraction, replay.MaxStaleness));
        _seed = config.Seed;
    }
}
