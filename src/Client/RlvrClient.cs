using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Rlvr.Api.Contracts;

namespace Rlvr.Client;

/// <summary>
/// Typed client of a silo's HTTP API (/api/v1). Transient failures (connection refused or reset, 408, 429, 502, 503,
/// 504) are retried with exponential backoff; every call is idempotent on the server (creating a campaign again with
/// the same configuration returns it as it is), so a retried call whose first attempt did land is harmless. Given the
/// addresses of several silos of a cluster (any silo serves the whole API), a call that cannot reach one moves on to
/// the next. Error answers become <see cref="RlvrApiException"/>.
/// </summary>
public sealed class RlvrClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly IReadOnlyList<Uri> _servers;
    private int _current;

    /// <param name="server">The silo's address, e.g. http://127.0.0.1:5280.</param>
    /// <param name="token">The bearer token a silo bound to a non-loopback address requires.</param>
    /// <param name="maxRetries">Retries of a transiently failed call.</param>
    public RlvrClient(Uri server, string? token = null, int maxRetries = 4)
        : this([server], token, maxRetries)
    {
    }

    /// <param name="servers">Silos of one cluster, tried in turn: a call that cannot reach one goes to the next.</param>
    /// <param name="token">The bearer token a silo bound to a non-loopback address requires.</param>
    /// <param name="maxRetries">Retries of a transiently failed call (at least one per other silo).</param>
    public RlvrClient(IReadOnlyList<Uri> servers, string? token = null, int maxRetries = 4)
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, token, Math.Max(maxRetries, (servers?.Count ?? 1) - 1), servers)
    {
        _ownsHttp = true;
    }

    /// <summary>Uses <paramref name="http"/> (its BaseAddress is the silo) as it is configured.</summary>
    public RlvrClient(HttpClient http, string? token = null, int maxRetries = 4)
        : this(http, token, maxRetries, http?.BaseAddress is { } server ? [server] : [])
    {
    }

    private RlvrClient(HttpClient http, string? token, int maxRetries, IReadOnlyList<Uri>? servers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(servers);
        _http = http;
        _servers = servers;
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        _retry = maxRetries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = maxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(5),
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => IsTransient(r.StatusCode)),
                })
                .Build();
    }

    public Task<SiloStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SiloStatus>("api/v1/status", cancellationToken);

    /// <summary>Creates (and by default starts) a campaign; the warm start runs on the silo, so the answer may say "Creating".</summary>
    public Task<CampaignInfo> CreateCampaignAsync(CreateCampaignRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CampaignInfo>(HttpMethod.Post, "api/v1/campaigns", request, cancellationToken);

    /// <summary>
    /// Stores a dataset's JSON lines on the silo (once per content); a campaign names it by the answer's SHA-256.
    /// Bad lines are refused together, as a 400 listing them under "dataset".
    /// </summary>
    public async Task<DatasetInfo> UploadDatasetAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var response = await SendWithRetry(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/datasets")
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(ApiJson.DatasetMediaType) } },
        }, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<DatasetInfo>(ApiJson.Options, cancellationToken)
            ?? throw new JsonException("the API sent null for a DatasetInfo");
    }

    public Task<IReadOnlyList<CampaignInfo>> ListCampaignsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CampaignInfo>>("api/v1/campaigns", cancellationToken);

    public Task<CampaignInfo> GetCampaignAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<CampaignInfo>(Campaign(id), cancellationToken);

    public Task<CampaignInfo> StartAsync(string id, CancellationToken cancellationToken = default) => Action(id, "start", cancellationToken);

    public Task<CampaignInfo> PauseAsync(string id, CancellationToken cancellationToken = default) => Action(id, "pause", cancellationToken);

    public Task<CampaignInfo> ResumeAsync(string id, CancellationToken cancellationToken = default) => Action(id, "resume", cancellationToken);

    public Task<CampaignInfo> StopAsync(string id, CancellationToken cancellationToken = default) => Action(id, "stop", cancellationToken);

    /// <summary>Creates and starts a sweep; creating it again with the same spec returns it as it is (409 with another).</summary>
    public Task<SweepInfo> CreateSweepAsync(CreateSweepRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SweepInfo>(HttpMethod.Post, "api/v1/sweeps", request, cancellationToken);

    public Task<IReadOnlyList<SweepInfo>> ListSweepsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SweepInfo>>("api/v1/sweeps", cancellationToken);

    /// <summary>The sweep's campaigns with their progress, and the comparison of its arms.</summary>
    public Task<SweepInfo> GetSweepAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<SweepInfo>(Sweep(id), cancellationToken);

    /// <summary>Stops the sweep and its campaigns for good.</summary>
    public Task<SweepInfo> StopSweepAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<SweepInfo>(HttpMethod.Post, $"{Sweep(id)}/stop", null, cancellationToken);

    /// <summary>The campaign's effective configuration: its hash, the YAML with every default written out, and its prompt sources.</summary>
    public Task<CampaignConfigInfo> GetConfigAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<CampaignConfigInfo>($"{Campaign(id)}/config", cancellationToken);

    /// <summary>The live curriculum with the <paramref name="top"/> hardest prompts.</summary>
    public Task<CurriculumInfo> GetCurriculumAsync(string id, int top = 20, CancellationToken cancellationToken = default) =>
        GetCurriculumAsync(id, top, null, cancellationToken);

    /// <summary>The live curriculum with the <paramref name="top"/> hardest prompts of <paramref name="distribution"/> (all when null).</summary>
    public Task<CurriculumInfo> GetCurriculumAsync(string id, int top, string? distribution, CancellationToken cancellationToken = default) =>
        GetAsync<CurriculumInfo>(
            Invariant($"{Campaign(id)}/curriculum?top={top}") + (distribution is null ? "" : "&distribution=" + Uri.EscapeDataString(distribution)),
            cancellationToken);

    /// <summary>The <paramref name="top"/> prompts its strategy skipped most often, with its latest decision on each.</summary>
    public Task<CurriculumInfo> GetMostSkippedPromptsAsync(string id, int top = 20, CancellationToken cancellationToken = default) =>
        GetAsync<CurriculumInfo>(Invariant($"{Campaign(id)}/curriculum?top={top}&order=skips"), cancellationToken);

    /// <summary>One prompt as the curriculum sees it: observed and predicted pass rate, budget, and why it was chosen or skipped.</summary>
    public Task<PromptInfo> GetCurriculumPromptAsync(string id, string promptId, CancellationToken cancellationToken = default) =>
        GetAsync<PromptInfo>($"{Campaign(id)}/curriculum/prompts/{Uri.EscapeDataString(promptId)}", cancellationToken);

    public Task<IReadOnlyList<CurriculumHistoryEntry>> GetCurriculumHistoryAsync(string id, long sinceStep = 0, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CurriculumHistoryEntry>>(Invariant($"{Campaign(id)}/curriculum/history?since={sinceStep}"), cancellationToken);

    public Task<ReplayInfo> GetReplayAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<ReplayInfo>($"{Campaign(id)}/replay", cancellationToken);

    /// <summary>The metrics of the steps after <paramref name="sinceStep"/>.</summary>
    public Task<IReadOnlyList<StepInfo>> GetMetricsAsync(string id, long sinceStep = 0, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<StepInfo>>(Invariant($"{Campaign(id)}/metrics?since={sinceStep}"), cancellationToken);

    /// <summary>The same metrics as CSV, one row per step, as the silo formats them.</summary>
    public async Task<string> GetMetricsCsvAsync(string id, long sinceStep = 0, CancellationToken cancellationToken = default)
    {
        using var response = await SendWithRetry(() => new HttpRequestMessage(HttpMethod.Get, Invariant($"{Campaign(id)}/metrics?since={sinceStep}&format=csv")), cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public Task<IReadOnlyList<CheckpointInfo>> GetCheckpointsAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CheckpointInfo>>($"{Campaign(id)}/checkpoints", cancellationToken);

    /// <summary>
    /// Follows the campaign's event stream: steps finished after <paramref name="afterStep"/>, evaluations and status
    /// changes, until the campaign ends (completed, failed or stopped) or <paramref name="cancellationToken"/> fires. A
    /// dropped connection is reopened from the last event seen, so no step or evaluation is missed or repeated.
    /// </summary>
    public async IAsyncEnumerable<CampaignEvent> WatchAsync(string id, long afterStep = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterStep;
        var lastEvaluation = afterStep - 1;
        while (true)
        {
            var response = await SendWithRetry(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"{Campaign(id)}/events");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
                return request;
            }, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
            using (response)
            {
                await EnsureSuccess(response, cancellationToken);
                using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                var ended = false;
                while (true)
                {
                    ServerSentEvent? message;
                    try
                    {
                        message = await reader.ReadAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        break; // the connection dropped: reopen from the last event
                    }
                    if (message is null)
                    {
                        ended = true; // the server closes the stream once the campaign has ended
                        break;
                    }
                    var parsed = Parse(message);
                    if (parsed.Type == "evaluation")
                    {
                        if (parsed.Step <= lastEvaluation)
                        {
                            continue; // resent after a reconnect at its step
                        }
                        lastEvaluation = parsed.Step;
                    }
                    last = Math.Max(last, parsed.Step);
                    yield return parsed;
                }
                if (ended)
                {
                    yield break;
                }
            }
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static CampaignEvent Parse(ServerSentEvent message)
    {
        var step = long.Parse(message.Id ?? "0", CultureInfo.InvariantCulture);
        return message.Type switch
        {
            "step" => new CampaignEvent("step", step, Deserialize<StepInfo>(message.Data), null, null),
            "evaluation" => new CampaignEvent("evaluation", step, null, Deserialize<EvaluationInfo>(message.Data), null),
            _ => new CampaignEvent(message.Type, step, null, null, Deserialize<CampaignStatusChange>(message.Data)),
        };
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, ApiJson.Options) ?? throw new JsonException($"the API sent null for a {typeof(T).Name}");

    private static string Campaign(string id) => $"api/v1/campaigns/{Uri.EscapeDataString(id)}";

    private static string Sweep(string id) => $"api/v1/sweeps/{Uri.EscapeDataString(id)}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private Task<CampaignInfo> Action(string id, string action, CancellationToken cancellationToken) =>
        SendAsync<CampaignInfo>(HttpMethod.Post, $"{Campaign(id)}/{action}", null, cancellationToken);

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetry(() => new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiJson.Options),
        }, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
            ?? throw new JsonException($"the API sent null for a {typeof(T).Name}");
    }

    // A request message can be sent once: every attempt builds its own.
    private async Task<HttpResponseMessage> SendWithRetry(
        Func<HttpRequestMessage> request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        await _retry.ExecuteAsync(async token =>
        {
            using var message = request();
            var current = Volatile.Read(ref _current);
            if (_servers.Count > 0)
            {
                message.RequestUri = new Uri(_servers[current], message.RequestUri!);
            }
            try
            {
                return await _http.SendAsync(message, completion, token);
            }
            catch (HttpRequestException) when (_servers.Count > 1)
            {
                // This silo cannot be reached: the retry goes to the next one.
                Interlocked.CompareExchange(ref _current, (current + 1) % _servers.Count, current);
                throw;
            }
        }, cancellationToken);

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ProblemDetailsBody? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize<ProblemDetailsBody>(text, ApiJson.Options);
        }
        catch (JsonException)
        {
        }
        throw new RlvrApiException(status, problem?.Title ?? response.ReasonPhrase ?? "error", problem?.Detail ?? (problem is null ? text : null),
            problem?.Errors ?? new Dictionary<string, string[]>());
    }

    private sealed record ProblemDetailsBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
