namespace Rlvr.Api.Contracts;

/// <summary>A distribution of a prompt source: how many training prompts it has, and how many are held out for evaluation.</summary>
public sealed record ConfigDistributionInfo(string Name, int TrainingPrompts, int HeldOutPrompts);
