namespace Rlvr.Training.Curriculum;

/// <summary>
/// Sorting's answers (digit sequences): the Levenshtein distance (insertions, deletions, substitutions) divided by the
/// longer length, so a misplaced digit, a dropped one or a wrong one each count, and two orderings of the same digits are
/// as far apart as the digits they put in different places.
/// </summary>
public sealed class EditDistance : IAnswerDistance
{
    public static EditDistance Instance { get; } = new();

    public double Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var length = Math.Max(first.Length, second.Length);
        return length == 0 ? 0 : (double)Levenshtein(first, second) / length;
    }

    public static int Levenshtein(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[second.Length];
    }
}
