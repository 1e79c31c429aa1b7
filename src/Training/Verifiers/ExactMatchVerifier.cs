namespace Rlvr.Training.Verifiers;

/// <summary>Reward 1 iff the completion equals the reference, ignoring surrounding whitespace.</summary>
public sealed class ExactMatchVerifier : IVerifier
{
    public const string VerifierName = "exact";

    public string Name => VerifierName;

    public Verdict Verify(string completion, string reference)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(reference);
        var answer = completion.Trim();
        if (answer.Length == 0)
        {
            return Verdict.Wrong("empty completion");
        }
        return answer == reference.Trim() ? Verdict.Correct : Verdict.Wrong($"expected '{reference.Trim()}', got '{answer}'");
    }

    public string? CheckReference(string reference) =>
        string.IsNullOrWhiteSpace(reference) ? "the reference answer is empty" : null;
}
