namespace Rlvr.Api.Contracts;

/// <summary>POST campaigns/{id}/trainer/tasks: who asks (for the leases it gets), and how long to wait for work (0 to 60 s, default 20).</summary>
public sealed record TrainerTaskRequest(string? Trainer, int? WaitSeconds);
