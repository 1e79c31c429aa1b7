namespace Rlvr.Training.Verifiers;

/// <summary>
/// Extracts the text after the last '=' or '#' of the completion (a worked answer ending in its result)
/// and compares it with the reference: numerically when the reference is a number, exactly otherwise.
/// </summary>
public sealed class FinalAnswerVerifier : IVerifier
{
    public const string VerifierName = "final_answer";

    private static readonly char[] Markers = ['=', '#'];

    public string Name => VerifierName;

    public Verdict Verify(string completion, string reference)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(reference);
        var marker = completion.LastIndexOfAny(Markers);
        if (marker < 0)
        {
            return Verdict.Wrong("no final answer after '=' or '#'");
        }
        var answer = completion[(marker + 1)..].Trim();
        if (answer.Length == 0)
        {
            return Verdict.Wrong("empty final answer");
        }
        if (NumberParser.TryParse(reference, out var expected))
        {
            if (!NumberParser.TryParse(answer, out var actual))
            {
                return Verdict.Wrong($"final answer is not a number: '{answer}'");
            }
            return actual == expected ? Verdict.Correct : Verdict.Wrong($"expected {expected}, got {actual}");
        }
        return answer == reference.Trim() ? Verdict.Correct : Verdict.Wrong($"expected '{reference.Trim()}', got '{answer}'");
    }

    public string? CheckReference(string reference) =>
        string.IsNullOrWhiteSpace(reference) ? "the reference answer is empty" : null;
}
