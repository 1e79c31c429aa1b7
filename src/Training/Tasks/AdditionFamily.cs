using System.Globalization;
using Rlvr.Training.Determinism;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tasks;

/// <summary>
/// "addition/n": the sum of two n-digit numbers, every number written least-significant digit first and
/// zero-padded: operands to <see cref="MaxLevel"/> digits, the sum to one more (12 + 345 = 357 is
/// "210000+543000=" -> "7530000"). Digit k of the sum then depends only on digit k of each operand and the
/// carry out of the digit the policy wrote just before (Lee et al., 2023: reversed output is what makes
/// addition learnable by small transformers), and every level has the same layout, so a level-n problem
/// is a level-(n-1) problem with one more column: mastering a level makes the next one reachable.
/// </summary>
public sealed class AdditionFamily : ITaskFamily
{
    public const string FamilyName = "addition";

    public string Name => FamilyName;

    public int MinLevel => 1;

    public int MaxLevel => 6;

    /// <summary>Exact: a reversed sum is a digit string, not a number (leading zeros matter).</summary>
    public string Verifier => ExactMatchVerifier.VerifierName;

    public GeneratedTask Generate(int level, DeterministicRng rng)
    {
        TaskFamilies.CheckLevel(this, level);
        ArgumentNullException.ThrowIfNull(rng);
        var a = DrawOperand(level, rng);
        var b = DrawOperand(level, rng);
        var prompt = $"{Reversed(a, MaxLevel)}+{Reversed(b, MaxLevel)}=";
        return new GeneratedTask(prompt, Reversed(a + b, MaxLevel + 1));
    }

    /// <summary>The value of a number written least-significant digit first.</summary>
    public static long ParseReversed(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var chars = digits.ToCharArray();
        Array.Reverse(chars);
        return long.Parse(chars, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static long DrawOperand(int digits, DeterministicRng rng)
    {
        var low = digits == 1 ? 0 : (int)Math.Pow(10, digits - 1);
        var high = (int)Math.Pow(10, digits);
        return rng.NextInt(low, high);
    }

    private static string Reversed(long value, int width)
    {
        var chars = value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0').ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
