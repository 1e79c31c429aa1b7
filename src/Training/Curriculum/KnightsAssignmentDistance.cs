using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Knights-and-knaves answers (the knights' letters, or "-" for none) as assignments of the puzzle's people: the share of
/// people the two answers classify differently. An answer that names no valid set of people is compared whole (0 or 1).
/// </summary>
public sealed class KnightsAssignmentDistance(int people) : IAnswerDistance
{
    public int People { get; } = people > 0 ? people : throw new ArgumentOutOfRangeException(nameof(people), people, "a puzzle has people.");

    public double Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (Knights(first) is not { } a || Knights(second) is not { } b)
        {
            return AnswerInequality.Instance.Between(first, second);
        }
        return (double)int.PopCount(a ^ b) / People;
    }

    /// <summary>The people of a prompt "A:claim,B:claim,...?": one per ':'.</summary>
    public static int PeopleIn(string promptText)
    {
        ArgumentNullException.ThrowIfNull(promptText);
        return promptText.Count(c => c == ':');
    }

    /// <summary>The knights an answer names (bit i: person i), or null when it is not a set of the puzzle's people.</summary>
    private int? Knights(string answer)
    {
        if (answer == KnightsFamily.NoKnights)
        {
            return 0;
        }
        if (answer.Length == 0)
        {
            return null;
        }
        var knights = 0;
        foreach (var name in answer)
        {
            var person = name - KnightsClaim.PersonName(0);
            if (person < 0 || person >= People || ((knights >> person) & 1) == 1)
            {
                return null;
            }
            knights |= 1 << person;
        }
        return knights;
    }
}
