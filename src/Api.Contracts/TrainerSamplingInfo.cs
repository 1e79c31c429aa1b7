namespace Rlvr.Api.Contracts;

/// <summary>How to sample a lease: completions per prompt (1 for an evaluation), their length and the temperature and top-p.</summary>
public sealed record TrainerSamplingInfo(int GroupSize, int MaxNewTokens, double Temperature, double TopP);
