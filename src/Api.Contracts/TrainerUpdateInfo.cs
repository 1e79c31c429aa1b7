namespace Rlvr.Api.Contracts;

/// <summary>A step's batch to train on (fresh and replayed groups), made by <see cref="PolicyVersion"/>; the update makes the next version.</summary>
public sealed record TrainerUpdateInfo(long Step, long PolicyVersion, IReadOnlyList<TrainerGroupInfo> Groups);
