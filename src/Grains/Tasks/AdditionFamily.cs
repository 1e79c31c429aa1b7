using System.Globalization;
using Rlvr.Grains.Determinism;
using Rlvr.Grains.Verifiers;

namespace Rlvr.Grains.Tasks;

/// <summary>
/// "addition/n": the sum of two n-digit numbers. Operands are zero-padded to <see cref="MaxLevel"/> digits
/// and the answer to one more, so every level has the same layout ("000123+000045=" -> "0000168"): each
/// answer position is seen during a warm start on the easy levels, and a level-n problem contains the
/// lower levels' column sums at the same positions.
/// </summary>
public sealed class AdditionFamily : ITaskFamily
{
    public const string FamilyName = "addition";

    public string Name => FamilyName;

    public int MinLevel => 1;

    public int MaxLevel => 6;

    public string Verifier => NumericVerifier.VerifierName;

    public GeneratedTask Generate(int level, DeterministicRng rng)
    {
        TaskFamilies.CheckLevel(this, level);
        ArgumentNullException.ThrowIfNull(rng);
        var a = DrawOperand(level, rng);
        var b = DrawOperand(level, rng);
        var prompt = $"{Pad(a, MaxLevel)}+{Pad(b, MaxLevel)}=";
        return new GeneratedTask(prompt, Pad(a + b, MaxLevel + 1));
    }

    private static long DrawOperand(int digits, DeterministicRng rng)
    {
        var low = digits == 1 ? 0 : (int)Math.Pow(10, digits - 1);
        var high = (int)Math.Pow(10, digits);
        return rng.NextInt(low, high);
    }

    private static string Pad(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
