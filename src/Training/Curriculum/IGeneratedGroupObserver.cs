using Rlvr.Training.Grpo;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// A selector that sees every group a generation round produced, before the group filter judges it: a strategy that
/// learns from the groups the filter drops (GRESO's all-correct and all-wrong traces under dynamic sampling) cannot learn
/// it from <see cref="IPromptSelector.ObserveTraining"/>, which sees only the trained batch. The batch accumulator
/// reports each round here; the step's observations are the selector's to apply when it observes the step's training.
/// </summary>
public interface IGeneratedGroupObserver
{
    void ObserveGenerated(long stepNumber, IReadOnlyList<RolloutGroup> groups);
}
