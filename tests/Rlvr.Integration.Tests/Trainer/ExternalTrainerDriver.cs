using System.Net.Http.Json;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>
/// A trainer outside the product, as the tests play it over HTTP: it scores its own completions (a reward per
/// completion derived from the prompt id, so that groups differ), reports made-up update statistics derived from the
/// step, and answers evaluations with text the verifier marks wrong. It keeps what it reported, to compare.
/// </summary>
internal sealed class ExternalTrainerDriver(HttpClient http, string campaign, string name = "driver")
{
    public Dictionary<string, double> RewardsReported { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, UpdateReport> Updates { get; } = [];

    public Dictionary<long, TrainerUpdateInfo> Batches { get; } = [];

    public int GroupsReported { get; private set; }

    public long TokensReported { get; private set; }

    public string Path(string rest) => $"api/v1/campaigns/{campaign}/trainer/{rest}";

    public async Task<TrainerTaskInfo> NextTask(int waitSeconds = 5) =>
        await ApiJsonText.Read<TrainerTaskInfo>(await Post(Path("tasks"), new TrainerTaskRequest(name, waitSeconds)));

    /// <summary>Works until the campaign is done.</summary>
    public async Task RunToTheEnd(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var task = await NextTask();
            if (task.Kind == "done")
            {
                return;
            }
            await Do(task);
        }
        throw new TimeoutException($"campaign '{campaign}' was not done within {timeout}");
    }

    /// <summary>Does a task and reports it.</summary>
    public async Task Do(TrainerTaskInfo task)
    {
        switch (task.Kind)
        {
            case "rollout":
                await ApiJsonText.Read<LeaseReceiptInfo>(await ReportGroups(task.Lease!.Id, Groups(task)));
                break;
            case "evaluate":
                await ApiJsonText.Read<LeaseReceiptInfo>(await Post(Path($"leases/{task.Lease!.Id}/evaluation"),
                    new EvaluationReport(task.Lease.Prompts.Select(p => new ReportedEvaluationInfo(p.PromptId, "no", "idea")).ToList())));
                break;
            case "update":
                Batches[task.Update!.Step] = task.Update;
                await ApiJsonText.Read<UpdateReceiptInfo>(await ReportUpdate(UpdateOf(task.Update.Step)));
                break;
        }
    }

    public Task<HttpResponseMessage> ReportGroups(string leaseId, IReadOnlyList<ReportedGroupInfo> groups, TrainerTaskRequest? next = null) =>
        Post(Path($"leases/{leaseId}/groups"), new GroupsReport(groups, next));

    public Task<HttpResponseMessage> ReportUpdate(UpdateReport update)
    {
        Updates[update.Step] = update;
        return Post(Path("updates"), update);
    }

    /// <summary>As a trainer's client does: a call the silo did not answer (it is down, or restoring: 503) is sent again.</summary>
    private async Task<HttpResponseMessage> Post<T>(string path, T body)
    {
        var deadline = DateTime.UtcNow + SiloProcess.StartTimeout;
        while (true)
        {
            try
            {
                var response = await http.PostAsJsonAsync(path, body, ApiJson.Options);
                if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Down: ask again shortly.
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The group of each leased prompt: rewards 1 and 0 in a pattern set by the prompt id (some all-0, some mixed).</summary>
    public List<ReportedGroupInfo> Groups(TrainerTaskInfo task)
    {
        var groups = task.Lease!.Prompts.Select(p => new ReportedGroupInfo(p.PromptId, Enumerable.Range(0, task.Sampling!.GroupSize)
            .Select(i => new ReportedCompletionInfo($"{p.PromptId}:{i}", 3 + i, null, null, Reward(p.PromptId, i)))
            .ToList())).ToList();
        foreach (var group in groups)
        {
            for (var i = 0; i < group.Completions.Count; i++)
            {
                RewardsReported[$"{group.PromptId}:{i}"] = group.Completions[i].Reward!.Value;
            }
        }
        GroupsReported += groups.Count;
        TokensReported += groups.Sum(g => g.Completions.Sum(c => (long)c.TokenCount));
        return groups;
    }

    public static UpdateReport UpdateOf(long step) =>
        new(step, step, Loss: 0.5 / step, Kl: 0.01 * step, Entropy: 2 - (0.1 * step), GradNorm: 1.5, ClipFraction: 0.05, Metrics: null);

    private static double Reward(string promptId, int completion) =>
        (promptId.Aggregate(0, (h, c) => (h * 31) + c) & 3) switch
        {
            0 => 0,
            _ => completion % 2,
        };
}
