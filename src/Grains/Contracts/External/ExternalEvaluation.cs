namespace Rlvr.Grains.Contracts;

/// <summary>A held-out evaluation an external trainer completed: each prompt's greedy and sampled reward.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ExternalEvaluation")]
public sealed record ExternalEvaluation(IReadOnlyDictionary<string, double> Greedy, IReadOnlyDictionary<string, double> Sampled);
