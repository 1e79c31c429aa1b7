using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tasks;

/// <summary>A generator of graded tasks; each level is its own distribution named "family/level".</summary>
public interface ITaskFamily
{
    string Name { get; }

    int MinLevel { get; }

    int MaxLevel { get; }

    /// <summary>The verifier that scores this family's completions.</summary>
    string Verifier { get; }

    /// <summary>Draws one task of <paramref name="level"/>; the same RNG state gives the same task.</summary>
    GeneratedTask Generate(int level, DeterministicRng rng);
}
