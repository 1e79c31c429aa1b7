using Orleans;

namespace Rlvr.Training.Tasks;

/// <summary>One prompt of a distribution with its reference answer and the verifier that scores completions.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.TaskPrompt")]
public sealed record TaskPrompt(string Id, string Distribution, string Text, string Answer, string Verifier)
{
    /// <summary>The stable id of a generated prompt: its distribution and a hash of its text.</summary>
    public static string MakeId(string distribution, string text) =>
        $"{distribution}#{Determinism.StableHash.Of(text):x16}";
}
