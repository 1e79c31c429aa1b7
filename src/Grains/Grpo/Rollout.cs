using Orleans;

namespace Rlvr.Grains.Grpo;

/// <summary>
/// One completion of a prompt: its response token ids, the log-probabilities the behavior policy gave
/// them (one per token), its reward and its advantage within its group.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Rollout(IReadOnlyList<int> TokenIds, IReadOnlyList<float> BehaviorLogProbs, double Reward, double Advantage);
