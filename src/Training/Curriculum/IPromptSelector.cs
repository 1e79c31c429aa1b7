using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// A prompt-selection strategy. Per step the caller: asks for <see cref="ReferencePrompts"/> (empty except
/// for DOTS rounds), rolls them out and reports them to <see cref="ObserveReference"/>; calls
/// <see cref="SelectPrompts"/>; after the update reports the step's training groups (never evaluation groups) to
/// <see cref="ObserveTraining"/>. All randomness comes from the RNG passed in, so a strategy is deterministic
/// given its state and that RNG; its whole state round-trips through <see cref="ExportState"/>/<see cref="ImportState"/>.
/// </summary>
public interface IPromptSelector
{
    string Name { get; }

    IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng);

    void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes);

    IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng);

    void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups);

    CurriculumView View();

    string ExportState();

    void ImportState(string json);
}
