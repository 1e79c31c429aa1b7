using Rlvr.Api.Contracts;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Silo.Api;

/// <summary>
/// The external-trainer protocol under /api/v1/campaigns/{id}/trainer (campaigns with trainer.mode external): ask for
/// a task (a lease of prompts to roll out or evaluate, or a batch to train on), report groups, evaluations and updates.
/// Every report is stored before it is answered and counts once.
/// </summary>
internal static class TrainerEndpoints
{
    public const string Tag = "trainer";

    public const string TagDescription =
        "An external trainer's side of a campaign (trainer.mode external): leases of prompts, reported groups and updates.";

    /// <summary>A wait for work is asked of the trainer grain in pieces this long (well inside a grain call's timeout).</summary>
    private static readonly TimeSpan WaitPiece = TimeSpan.FromSeconds(5);

    /// <summary>How often a paused campaign is asked whether it runs again.</summary>
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(250);

    private const string UnknownCampaign = "No campaign has this id.";
    private const string NotExternal = "The campaign's trainer is not external, or the report is for another step.";

    public static IEndpointRouteBuilder MapTrainerApi(this IEndpointRouteBuilder app)
    {
        var trainer = app.MapGroup("/api/v1/campaigns/{id}/trainer").WithTags(Tag);
        trainer.MapPost("/tasks", NextTask).WithName("NextTrainerTask")
            .WithSummary("Ask for work: a lease of prompts to roll out or evaluate, a batch to train on, wait, or done")
            .Accepts<TrainerTaskRequest>("application/json")
            .Produces<TrainerTaskInfo>()
            .ProducesInvalidRequestWhen("The id or waitSeconds (0 to 60) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, NotExternal);
        trainer.MapPost("/leases/{leaseId}/groups", ReportGroups).WithName("ReportTrainerGroups")
            .WithSummary("Report groups of completions for leased prompts (a group reported again counts once); with next, get the next task")
            .Accepts<GroupsReport>("application/json")
            .Produces<LeaseReceiptInfo>()
            .ProducesInvalidRequestWhen("A group names a prompt outside the lease, or has the wrong number of completions, or a bad one; or next.waitSeconds is not 0 to 60.")
            .ProducesLeaseReportProblems();
        trainer.MapPost("/leases/{leaseId}/evaluation", ReportEvaluation).WithName("ReportTrainerEvaluation")
            .WithSummary("Report a greedy and a sampled completion of each leased held-out prompt; with next, get the next task")
            .Accepts<EvaluationReport>("application/json")
            .Produces<LeaseReceiptInfo>()
            .ProducesInvalidRequestWhen("A completion names a prompt outside the lease, or next.waitSeconds is not 0 to 60.")
            .ProducesLeaseReportProblems();
        trainer.MapPost("/updates", ReportUpdate).WithName("ReportTrainerUpdate")
            .WithSummary("Report the update of the step whose batch was handed out (a repeat changes nothing); with next, get the next task")
            .Accepts<UpdateReport>("application/json")
            .Produces<UpdateReceiptInfo>()
            .ProducesInvalidRequestWhen("The policy version is not the one the step makes, or next.waitSeconds is not 0 to 60.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, NotExternal);
        return app;
    }

    /// <summary>What a report on a lease may meet: no such campaign or lease, a campaign not trained outside, a lease gone.</summary>
    private static RouteHandlerBuilder ProducesLeaseReportProblems(this RouteHandlerBuilder route) => route
        .ProducesProblemWhen(StatusCodes.Status404NotFound, "No campaign or lease has this id.")
        .ProducesProblemWhen(StatusCodes.Status409Conflict, NotExternal)
        .ProducesProblemWhen(StatusCodes.Status410Gone, "The lease expired and went out again under another id.");

    private static async Task<TrainerTaskInfo> NextTask(string id, HttpRequest http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = http.ContentLength is 0 ? new TrainerTaskRequest(null, null) : await CampaignEndpoints.ReadBody<TrainerTaskRequest>(http, cancellationToken);
        var wait = WaitOf(request, "waitSeconds");
        var (campaign, gateway) = await Find(grains, id);
        return await WaitForTask(campaign, gateway, request.Trainer, wait, cancellationToken);
    }

    private static TimeSpan WaitOf(TrainerTaskRequest request, string field)
    {
        var wait = request.WaitSeconds ?? 20;
        return wait is < 0 or > 60 ? throw new ApiValidationException(field, $"must be between 0 and 60, got {wait}") : TimeSpan.FromSeconds(wait);
    }

    /// <summary>The trainer's next task, or "wait" once <paramref name="wait"/> has passed without one.</summary>
    private static async Task<TrainerTaskInfo> WaitForTask(
        ICampaignGrain campaign, IExternalTrainerGrain gateway, string? trainer, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            // Work is handed out while the campaign runs (or is being created); a paused one hands out none.
            var status = (await campaign.GetProgress()).Status;
            if (status is CampaignStatus.Completed or CampaignStatus.Stopped)
            {
                return new TrainerTaskInfo("done", null, null, null);
            }
            var left = deadline - DateTime.UtcNow;
            var piece = left < WaitPiece ? left : WaitPiece;
            var task = status is CampaignStatus.Running
                ? await gateway.NextTask(trainer ?? "anonymous", piece > TimeSpan.Zero ? piece : TimeSpan.Zero)
                : null;
            if (task is not null && task.Kind != TrainerTaskKind.Wait)
            {
                return ToInfo(task);
            }
            if (DateTime.UtcNow >= deadline)
            {
                return new TrainerTaskInfo("wait", null, null, null);
            }
            if (task is null)
            {
                await Task.Delay(PausedPoll, cancellationToken);
            }
        }
    }

    /// <summary>A report's "next" field (a next task asked for with it), checked before the report is applied.</summary>
    private static (string? Trainer, TimeSpan Wait)? NextOf(TrainerTaskRequest? next) =>
        next is null ? null : (next.Trainer, WaitOf(next, "next.waitSeconds"));

    private static async Task<TrainerTaskInfo?> NextAfter(
        (string? Trainer, TimeSpan Wait)? next, ICampaignGrain campaign, IExternalTrainerGrain gateway, CancellationToken cancellationToken) =>
        next is { } asked ? await WaitForTask(campaign, gateway, asked.Trainer, asked.Wait, cancellationToken) : null;

    private static async Task<LeaseReceiptInfo> ReportGroups(
        string id, string leaseId, HttpRequest http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var report = await CampaignEndpoints.ReadBody<GroupsReport>(http, cancellationToken);
        var groups = Required(report.Groups, "groups").Select((g, i) => new ReportedGroup(
            Required(g.PromptId, $"groups[{i}].promptId"),
            Required(g.Completions, $"groups[{i}].completions").Select((c, j) => new ReportedCompletion(
                Required(c.Text, $"groups[{i}].completions[{j}].text"), c.TokenCount, c.TokenIds, c.LogProbs, c.Reward)).ToList())).ToList();
        var next = NextOf(report.Next);
        var (campaign, gateway) = await Find(grains, id);
        var receipt = await gateway.ReportGroups(leaseId, groups);
        return new LeaseReceiptInfo(receipt.Accepted, receipt.Duplicates, receipt.Remaining,
            await NextAfter(next, campaign, gateway, cancellationToken));
    }

    private static async Task<LeaseReceiptInfo> ReportEvaluation(
        string id, string leaseId, HttpRequest http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var report = await CampaignEndpoints.ReadBody<EvaluationReport>(http, cancellationToken);
        var completions = Required(report.Completions, "completions").Select((c, i) => new ReportedEvaluation(
            Required(c.PromptId, $"completions[{i}].promptId"),
            Required(c.Greedy, $"completions[{i}].greedy"),
            Required(c.Sampled, $"completions[{i}].sampled"))).ToList();
        var next = NextOf(report.Next);
        var (campaign, gateway) = await Find(grains, id);
        var receipt = await gateway.ReportEvaluation(leaseId, completions);
        return new LeaseReceiptInfo(receipt.Accepted, receipt.Duplicates, receipt.Remaining,
            await NextAfter(next, campaign, gateway, cancellationToken));
    }

    private static async Task<UpdateReceiptInfo> ReportUpdate(string id, HttpRequest http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var r = await CampaignEndpoints.ReadBody<UpdateReport>(http, cancellationToken);
        var next = NextOf(r.Next);
        var (campaign, gateway) = await Find(grains, id);
        var receipt = await gateway.ReportUpdate(new TrainerUpdateReport(
            r.Step, r.PolicyVersion, r.Loss, r.Kl, r.Entropy, r.GradNorm, r.ClipFraction,
            r.Metrics ?? new Dictionary<string, double>(StringComparer.Ordinal)));
        return new UpdateReceiptInfo(receipt.Step, receipt.Duplicate, await NextAfter(next, campaign, gateway, cancellationToken));
    }

    /// <summary>The campaign (404 when it does not exist) and its trainer gateway.</summary>
    private static async Task<(ICampaignGrain Campaign, IExternalTrainerGrain Gateway)> Find(IGrainFactory grains, string id)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(CampaignIds.Validate(id));
        await campaign.GetProgressChecked(id);
        var gateway = grains.GetGrain<IExternalTrainerGrain>(id);
        await gateway.RequireExternal();
        return (campaign, gateway);
    }

    private static T Required<T>(T? value, string field)
        where T : class => value ?? throw new ApiValidationException(field, "is required");

    private static TrainerTaskInfo ToInfo(TrainerTask task)
    {
        var prompts = (task.Prompts ?? []).ToDictionary(p => p.Id, StringComparer.Ordinal);
        return task.Kind switch
        {
            TrainerTaskKind.Update => new TrainerTaskInfo("update", null, null, new TrainerUpdateInfo(
                task.Step, task.PolicyVersion, task.Batch!.Select(g => ToInfo(g, prompts[g.PromptId])).ToList())),
            _ => new TrainerTaskInfo(
                task.Kind == TrainerTaskKind.Rollout ? "rollout" : "evaluate",
                new TrainerLeaseInfo(task.LeaseId!, task.Step, task.Round, task.PolicyVersion, task.ExpiresUtc!.Value,
                    task.Prompts!.Select((p, i) => new TrainerPromptInfo(p.Id, p.Distribution, p.Text, task.Completions?[i] ?? task.Sampling!.GroupSize)).ToList()),
                new TrainerSamplingInfo(task.Sampling!.GroupSize, task.Sampling.MaxNewTokens, task.Sampling.Temperature, task.Sampling.TopP),
                null),
        };
    }

    private static TrainerGroupInfo ToInfo(RolloutGroup g, TaskPrompt prompt) => new(
        g.PromptId, g.Distribution, prompt.Text, g.Step, g.Round, g.PolicyVersion, g.Replays, g.StepScale,
        g.Rollouts.Select(r => new TrainerCompletionInfo(r.Text, r.Tokens, r.TokenIds.Count > 0 ? r.TokenIds : null,
            r.BehaviorLogProbs.Count > 0 ? r.BehaviorLogProbs : null, r.Reward, r.Advantage)).ToList());
}
