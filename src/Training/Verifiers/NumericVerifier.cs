namespace Rlvr.Training.Verifiers;

/// <summary>Reward 1 iff the completion parses to the same number as the reference ("007" equals "7").</summary>
public sealed class NumericVerifier : IVerifier
{
    public const string VerifierName = "numeric";

    public string Name => VerifierName;

    public Verdict Verify(string completion, string reference)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(reference);
        if (!NumberParser.TryParse(reference, out var expected))
        {
            throw new ArgumentException($"reference '{reference}' is not a number.", nameof(reference));
        }
        if (!NumberParser.TryParse(completion, out var actual))
        {
            return Verdict.Wrong($"not a number: '{completion.Trim()}'");
        }
        return actual == expected ? Verdict.Correct : Verdict.Wrong($"expected {expected}, got {actual}");
    }

    public string? CheckReference(string reference) =>
        NumberParser.TryParse(reference ?? string.Empty, out _) ? null : $"the reference answer '{reference}' is not a number";
}
