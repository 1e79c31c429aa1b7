namespace Rlvr.Api.Contracts;

/// <summary>
/// Prompts leased to one trainer until <see cref="ExpiresUtc"/>: their step, round (-1: the DOTS reference set) and the
/// policy version that must sample them.
/// </summary>
public sealed record TrainerLeaseInfo(
    string Id, long Step, int Round, long PolicyVersion, DateTimeOffset ExpiresUtc, IReadOnlyList<TrainerPromptInfo> Prompts);
