using System.Globalization;
using Rlvr.Torch;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// How far a group's answers disperse rather than collapse onto one: the mean distance over all pairs of its rollouts'
/// answers (0: every rollout gave the same answer), with the distance its task family makes meaningful: digit positions
/// for addition, edit distance for sorting, per-person assignments for knights and knaves, equality for datasets. The
/// answer is what the prompt's verifier reads of the completion.
/// </summary>
public static class AnswerDispersion
{
    /// <summary>Dispersion in [0, 1]; 1 (nothing shows a collapse) for a group of one or with a completion that does not decode.</summary>
    public static double Of(TaskPrompt prompt, IReadOnlyList<Rollout> rollouts)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(rollouts);
        var answers = new string[rollouts.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            if (AnswerOf(prompt, rollouts[i]) is not { } answer)
            {
                return 1;
            }
            answers[i] = answer;
        }
        return Of(answers, DistanceFor(prompt));
    }

    /// <summary>The mean of <paramref name="distance"/> over all pairs of <paramref name="answers"/>; 1 for fewer than two.</summary>
    public static double Of(IReadOnlyList<string> answers, IAnswerDistance distance)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(distance);
        if (answers.Count < 2)
        {
            return 1;
        }
        var total = 0.0;
        for (var i = 0; i < answers.Count; i++)
        {
            for (var j = i + 1; j < answers.Count; j++)
            {
                total += distance.Between(answers[i], answers[j]);
            }
        }
        return total / (answers.Count * (answers.Count - 1) / 2.0);
    }

    /// <summary>The distance for a built-in family's prompts ("family/level" with the family's verifier), else equality.</summary>
    public static IAnswerDistance DistanceFor(TaskPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var slash = prompt.Distribution.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TaskFamilies.TryGet(prompt.Distribution[..slash], out var family) || family.Verifier != prompt.Verifier)
        {
            return AnswerInequality.Instance;
        }
        return family.Name switch
        {
            AdditionFamily.FamilyName => DigitPositionDistance.Instance,
            SortingFamily.FamilyName => EditDistance.Instance,
            KnightsFamily.FamilyName when KnightsAssignmentDistance.PeopleIn(prompt.Text) > 0 => new KnightsAssignmentDistance(KnightsAssignmentDistance.PeopleIn(prompt.Text)),
            _ => AnswerInequality.Instance,
        };
    }

    /// <summary>
    /// The answer the prompt's verifier reads: the trimmed completion (exact), the number it parses to (numeric), or the text
    /// after its last '=' or '#' (final_answer); null when the completion has no text and its token ids do not decode.
    /// </summary>
    public static string? AnswerOf(TaskPrompt prompt, Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(rollout);
        var text = rollout.Text;
        if (text is null)
        {
            if (rollout.TokenIds.Any(id => id < 0 || id >= CharTokenizer.VocabSize))
            {
                return null;
            }
            text = CharTokenizer.Decode([.. rollout.TokenIds]);
        }
        return prompt.Verifier switch
        {
            NumericVerifier.VerifierName => Canonical(text.Trim()),
            FinalAnswerVerifier.VerifierName => Canonical(text[(text.LastIndexOfAny(['=', '#']) + 1)..].Trim()),
            _ => text.Trim(),
        };
    }

    /// <summary>A number's canonical text ("007" and "7.0" are "7"), other text as it is.</summary>
    private static string Canonical(string answer) =>
        NumberParser.TryParse(answer, out var value) ? (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : answer;
}
