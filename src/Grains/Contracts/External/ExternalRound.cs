using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>A generation round (or the DOTS reference round) of a step, for an external trainer to roll out.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ExternalRound")]
public sealed record ExternalRound(long Step, int Round, long PolicyVersion, IReadOnlyList<TaskPrompt> Prompts, SamplingSettings Sampling);
