using System.Text.Json.Serialization;
using Orleans;

namespace Rlvr.Training.Grpo;

/// <summary>
/// One completion of a prompt: its response token ids, the log-probabilities the behavior policy gave
/// them (one per token), its reward and its advantage within its group. An external trainer's completion also keeps its
/// text and token count (its token ids, in the trainer's vocabulary, are optional).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.Rollout")]
public sealed record Rollout(
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<float> BehaviorLogProbs,
    double Reward,
    double Advantage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TokenCount = null)
{
    [JsonIgnore]
    public int Tokens => TokenCount ?? TokenIds.Count;
}
