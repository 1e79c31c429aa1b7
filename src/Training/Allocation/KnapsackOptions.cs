namespace Rlvr.Training.Allocation;

/// <param name="BufferSize">L: the most recent rewards per prompt that p^ pools when its latest group has fewer.</param>
/// <param name="MinSamples">Rewards a prompt needs in its buffer for p^ to count; with fewer it is treated as never rolled out.</param>
/// <param name="MinN">Rollouts every prompt with p^ in (0, 1) gets before the allocation.</param>
/// <param name="NegativeN">Rollouts of a prompt with p^ = 0.</param>
/// <param name="PositiveN">Rollouts of a prompt with p^ = 1.</param>
/// <param name="MaxN">The most rollouts one prompt gets in a step.</param>
/// <param name="Alpha">The fallback's confidence: a prompt needs the rollouts that show both outcomes with this probability.</param>
public sealed record KnapsackOptions(
    int BufferSize = 16, int MinSamples = 8, int MinN = 2, int NegativeN = 2, int PositiveN = 2, int MaxN = 128, double Alpha = 0.9);
