namespace Rlvr.Training.Verifiers;

/// <summary>Scores a completion against a reference answer. Never throws on a bad completion.</summary>
public interface IVerifier
{
    /// <summary>The name datasets and configuration use to pick this verifier.</summary>
    string Name { get; }

    /// <summary>Reward in [0, 1]; a completion that cannot be parsed scores 0 with a reason.</summary>
    Verdict Verify(string completion, string reference);

    /// <summary>Null if the verifier can score against <paramref name="reference"/>, otherwise why not.</summary>
    string? CheckReference(string reference);
}
