namespace Rlvr.Training.Curriculum;

/// <summary>
/// Addition's answers (digit strings, one digit per column): the share of digit positions where they differ, the shorter
/// one's missing positions counting as different. An answer that is not all digits is compared whole (0 or 1).
/// </summary>
public sealed class DigitPositionDistance : IAnswerDistance
{
    public static DigitPositionDistance Instance { get; } = new();

    public double Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length == 0 || second.Length == 0 || !first.All(char.IsAsciiDigit) || !second.All(char.IsAsciiDigit))
        {
            return AnswerInequality.Instance.Between(first, second);
        }
        var length = Math.Max(first.Length, second.Length);
        var differing = 0;
        for (var i = 0; i < length; i++)
        {
            if (i >= first.Length || i >= second.Length || first[i] != second[i])
            {
                differing++;
            }
        }
        return (double)differing / length;
    }
}
