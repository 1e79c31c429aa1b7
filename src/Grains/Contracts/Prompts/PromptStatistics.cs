using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// A prompt of a campaign and what training has seen of it: attempts (groups generated), rollouts, the overall pass
/// rate, the last step that sampled it, and the pass rate by step and policy version for the last
/// <see cref="HistoryLength"/> steps that did. Stored as is by the prompt grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.PromptStatistics")]
public sealed record PromptStatistics
{
    public const int HistoryLength = 64;

    /// <summary>The prompt as the campaign's catalog has it; null until a step has sampled it.</summary>
    [Id(0)]
    public TaskPrompt? Prompt { get; init; }

    [Id(1)]
    public long Attempts { get; init; }

    [Id(2)]
    public long Rollouts { get; init; }

    [Id(3)]
    public double RewardSum { get; init; }

    [Id(4)]
    public long LastSampledStep { get; init; }

    [Id(5)]
    public IReadOnlyList<PassRateEntry> History { get; init; } = [];

    public double? PassRate => Rollouts == 0 ? null : RewardSum / Rollouts;

    /// <summary>
    /// Adds a step's observation. A step at or before the last one observed is ignored: it is the same step recomputed
    /// after a crash, whose groups came back from the ledger unchanged.
    /// </summary>
    public PromptStatistics Observe(PromptObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Step <= LastSampledStep)
        {
            return this;
        }
        var entry = new PassRateEntry(
            observation.Step, observation.PolicyVersion, observation.Groups, observation.Rollouts,
            observation.Rollouts == 0 ? 0 : observation.RewardSum / observation.Rollouts);
        return new PromptStatistics
        {
            Prompt = observation.Prompt,
            Attempts = Attempts + observation.Groups,
            Rollouts = Rollouts + observation.Rollouts,
            RewardSum = RewardSum + observation.RewardSum,
            LastSampledStep = observation.Step,
            History = [.. History.Skip(Math.Max(0, History.Count + 1 - HistoryLength)), entry],
        };
    }
}
