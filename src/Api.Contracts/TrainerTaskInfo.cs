namespace Rlvr.Api.Contracts;

/// <summary>
/// A task for an external trainer: kind rollout or evaluate (a lease of prompts and the sampling settings), update (a
/// step's batch to train on), wait (nothing now: ask again) or done (the campaign has ended).
/// </summary>
public sealed record TrainerTaskInfo(string Kind, TrainerLeaseInfo? Lease, TrainerSamplingInfo? Sampling, TrainerUpdateInfo? Update);
