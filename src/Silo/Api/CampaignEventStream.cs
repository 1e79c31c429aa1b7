using System.Globalization;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Silo.Api;

/// <summary>
/// GET /campaigns/{id}/events: a text/event-stream of the campaign's finished steps ("step", id = the step), held-out
/// evaluations ("evaluation") and status changes ("status"), from the step after Last-Event-ID (or ?after=). It reads the
/// campaign grain a few times a second (its reads interleave with the running step) and ends once the campaign has
/// completed, failed or stopped and everything is sent. An evaluation shares its step's id and is recorded after that
/// step, so a stream resumed after step s sends the evaluation of step s again (at least once, never lost); the typed
/// client drops the repeat.
/// </summary>
internal static class CampaignEventStream
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static async Task Write(HttpContext http, ICampaignGrain campaign, long after, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken);

        var sent = after;
        var sentEvaluation = Math.Max(0, after - 1);
        CampaignStatus? status = null;
        var quietSince = DateTime.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var progress = await campaign.GetProgress();
                var before = (sent, sentEvaluation, status);
                foreach (var step in await campaign.GetMetrics(sent))
                {
                    await Send(response, "step", step.Step, step.ToInfo(), cancellationToken);
                    sent = step.Step;
                }
                foreach (var evaluation in progress.Evaluations.Where(e => e.Step > sentEvaluation && e.Step <= sent))
                {
                    await Send(response, "evaluation", evaluation.Step, evaluation.ToInfo(), cancellationToken);
                    sentEvaluation = evaluation.Step;
                }
                if (progress.Status != status)
                {
                    status = progress.Status;
                    await Send(response, "status", Math.Max(sent, after), new CampaignStatusChange(status.ToString()!, progress.Step, progress.Error), cancellationToken);
                }
                if (status is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Stopped && sent >= progress.Step)
                {
                    return;
                }
                if (before != (sent, sentEvaluation, status))
                {
                    quietSince = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - quietSince > HeartbeatInterval)
                {
                    // A comment line keeps proxies and idle timeouts from closing a stream that waits for a long step.
                    await response.WriteAsync(":\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    quietSince = DateTime.UtcNow;
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task Send<T>(HttpResponse response, string type, long id, T data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, ApiJson.Options);
        await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {id}\nevent: {type}\ndata: {json}\n\n"), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
