using Rlvr.Training.Determinism;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tasks;

/// <summary>"sorting/n": sort n random digits ascending ("S5312=" -> "1235").</summary>
public sealed class SortingFamily : ITaskFamily
{
    public const string FamilyName = "sorting";

    public string Name => FamilyName;

    public int MinLevel => 2;

    public int MaxLevel => 10;

    public string Verifier => ExactMatchVerifier.VerifierName;

    public GeneratedTask Generate(int level, DeterministicRng rng)
    {
        TaskFamilies.CheckLevel(this, level);
        ArgumentNullException.ThrowIfNull(rng);
        var digits = new char[level];
        for (var i = 0; i < level; i++)
        {
            digits[i] = (char)('0' + rng.NextInt(10));
        }
        var prompt = $"S{new string(digits)}=";
        Array.Sort(digits);
        return new GeneratedTask(prompt, new string(digits));
    }
}
