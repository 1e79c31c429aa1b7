namespace Rlvr.Api.Contracts;

/// <summary>
/// One server-sent event of GET /api/v1/campaigns/{id}/events: a finished step ("step"), a held-out evaluation
/// ("evaluation") or a status change ("status"), with the step it belongs to (the event id, for Last-Event-ID).
/// </summary>
public sealed record CampaignEvent(string Type, long Step, StepInfo? StepMetrics, EvaluationInfo? Evaluation, CampaignStatusChange? Status);

/// <summary>The data of a "status" event.</summary>
public sealed record CampaignStatusChange(string Status, long Step, string? Error);
