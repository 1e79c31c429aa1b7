namespace Rlvr.Training.Tasks;

/// <summary>How many prompts to generate per built-in distribution and how to hold some out.</summary>
public sealed record BuiltInTaskOptions(ulong Seed, int PoolSize, int EvaluationSize, double EvaluationFraction)
{
    /// <summary>Draws allowed per wanted prompt before a small prompt space is taken as exhausted.</summary>
    public const int DrawsPerPrompt = 20;
}
