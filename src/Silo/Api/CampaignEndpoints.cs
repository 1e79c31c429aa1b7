using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Rlvr.Api.Contracts;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;
using SiloStatus = Rlvr.Api.Contracts.SiloStatus;

namespace Rlvr.Silo.Api;

/// <summary>The campaign API under /api/v1: lifecycle, effective configuration, curriculum, replay, metrics, checkpoints and the event stream.</summary>
internal static class CampaignEndpoints
{
    /// <summary>How long POST /campaigns waits for the warm start before answering 202 (it goes on in the background).</summary>
    private static readonly TimeSpan CreateWait = TimeSpan.FromSeconds(2);

    /// <summary>The document's tags, with their descriptions (see <see cref="CampaignApiDocument"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        [SiloTag] = "The silo that serves this API.",
        [DatasetsTag] = "Datasets stored by content (SHA-256), which campaigns' configurations name.",
        [CampaignsTag] = "Training campaigns: lifecycle, curriculum, replay buffer, metrics, checkpoints and events.",
    };

    private const string SiloTag = "silo";
    private const string DatasetsTag = "datasets";
    private const string CampaignsTag = "campaigns";

    // When the problems that most routes share happen.
    private const string InvalidId = "The id is not a campaign id.";
    private const string UnknownCampaign = "No campaign has this id.";
    private const string StillCreating = "The campaign is still being created (warm start and first evaluation).";
    private const string RefusedTransition = "The lifecycle does not allow the action in the campaign's status (docs/lifecycle.md): the detail names both.";
    private const string Restoring = "The running campaign is restoring its grains from its last checkpoint.";

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/status", Status).WithName("GetSiloStatus").WithTags(SiloTag)
            .WithSummary("Get the silo's name, version, start time, campaign counts by status and the silos of its cluster, each with the campaigns it hosts");

        api.MapPost("/datasets", UploadDataset).WithName("UploadDataset").WithTags(DatasetsTag)
            .WithSummary("Check and store a dataset's JSON lines; campaigns name it by the SHA-256 this answers")
            .Accepts<string>(ApiJson.DatasetMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxDatasetBytes))
            .Produces<DatasetInfo>()
            .ProducesInvalidRequestWhen("The body is empty, or some of its lines are not dataset records.")
            .ProducesProblemWhen(StatusCodes.Status413PayloadTooLarge, "The body is over Api:MaxDatasetBytes.");

        var campaigns = api.MapGroup("/campaigns").WithTags(CampaignsTag);
        campaigns.MapGet("/", List).WithName("ListCampaigns").WithSummary("List the campaigns");
        campaigns.MapPost("/", Create).WithName("CreateCampaign")
            .WithSummary("Create a campaign from its YAML configuration, and start it unless asked not to")
            .Accepts<CreateCampaignRequest>("application/json")
            .Produces<CampaignInfo>(StatusCodes.Status201Created).Produces<CampaignInfo>(StatusCodes.Status202Accepted)
            .ProducesInvalidRequestWhen(
                "The body is not JSON, or its id, config, steps or datasetSha256 (a stored dataset's) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status409Conflict, "A campaign with this id has another configuration.")
            .ProducesProblemWhen(StatusCodes.Status413PayloadTooLarge, "The body is over Api:MaxRequestBodyBytes.");
        campaigns.MapGet("/{id}", Get).WithName("GetCampaign").WithSummary("Get a campaign's status and progress")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        campaigns.MapPost("/{id}/start", (string id, IGrainFactory grains) => Act(id, grains, (c, _) => c.Start()))
            .WithName("StartCampaign").WithSummary("Start a created campaign (a running one: nothing to do)")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, RefusedTransition);
        campaigns.MapPost("/{id}/pause", (string id, IGrainFactory grains) => Act(id, grains, Pause))
            .WithName("PauseCampaign").WithSummary("Pause a running campaign after its current step (a paused one: nothing to do)")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, RefusedTransition);
        campaigns.MapPost("/{id}/resume", (string id, IGrainFactory grains) => Act(id, grains, (c, _) => c.ResumeFromCheckpoint()))
            .WithName("ResumeCampaign").WithSummary("Resume a paused or failed campaign from its last checkpoint (a running one: nothing to do)")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, RefusedTransition);
        campaigns.MapPost("/{id}/stop", (string id, IGrainFactory grains) => Act(id, grains, Stop))
            .WithName("StopCampaign").WithSummary("Stop a campaign for good (a stopped one: nothing to do)")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, RefusedTransition);
        campaigns.MapGet("/{id}/config", Config).WithName("GetCampaignConfig")
            .WithSummary("Get the effective configuration: its hash, the YAML with every default written out, and the prompt sources")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        campaigns.MapGet("/{id}/curriculum", Curriculum).WithName("GetCurriculum")
            .WithSummary("Get the curriculum: its distributions and its hardest (or most skipped) prompts")
            .ProducesInvalidRequestWhen("The id, top (an integer from 0 to 10000) or order (difficulty or skips) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, StillCreating)
            .ProducesProblemWhen(StatusCodes.Status503ServiceUnavailable, Restoring);
        campaigns.MapGet("/{id}/curriculum/prompts/{promptId}", CurriculumPrompt).WithName("GetCurriculumPrompt")
            .WithSummary("Get one prompt as the curriculum sees it: observed and predicted pass rate, budget, and why it was chosen or skipped")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, "No campaign has this id, or its curriculum has no record of this prompt (never chosen nor considered).")
            .ProducesProblemWhen(StatusCodes.Status409Conflict, StillCreating)
            .ProducesProblemWhen(StatusCodes.Status503ServiceUnavailable, Restoring);
        campaigns.MapGet("/{id}/curriculum/history", CurriculumHistory).WithName("GetCurriculumHistory")
            .WithSummary("Get the curriculum's distributions step by step")
            .ProducesInvalidRequestWhen("The id or since (a step) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        campaigns.MapGet("/{id}/replay", Replay).WithName("GetReplayStats")
            .WithSummary("Get the replay buffer's counts")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, StillCreating)
            .ProducesProblemWhen(StatusCodes.Status503ServiceUnavailable, Restoring);
        campaigns.MapGet("/{id}/metrics", Metrics).WithName("GetMetrics")
            .WithSummary("Get the per-step metrics, as JSON or CSV")
            .Produces<IReadOnlyList<StepInfo>>().AddOpenApiOperationTransformer(DescribeCsvMetrics)
            .ProducesInvalidRequestWhen("The id, since (a step) or format (json or csv) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        campaigns.MapGet("/{id}/checkpoints", Checkpoints).WithName("ListCheckpoints")
            .WithSummary("List the committed checkpoints")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        campaigns.MapGet("/{id}/events", Events).WithName("StreamCampaignEvents")
            .WithSummary("Stream the campaign's steps and status changes as server-sent events")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesInvalidRequestWhen("The id, after or Last-Event-ID (a step) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownCampaign);
        return app;
    }

    private static async Task<SiloStatus> Status(
        IGrainFactory grains, SiloIdentity silo, IClusterMembershipService membership, ISiloMetadataCache metadata)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var hosted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in await Registry(grains).List())
        {
            var progress = await grains.GetGrain<ICampaignGrain>(id).GetProgress();
            if (progress.Status != CampaignStatus.None)
            {
                counts[progress.Status.ToString()] = counts.GetValueOrDefault(progress.Status.ToString()) + 1;
                hosted.TryAdd(progress.Silo, []);
                hosted[progress.Silo].Add(id);
            }
        }
        var cluster = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status != Orleans.Runtime.SiloStatus.Dead)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m =>
            {
                var advertised = metadata.GetSiloMetadata(m.SiloAddress).Metadata;
                return new ClusterSiloInfo(m.Name, m.SiloAddress.ToParsableString(), m.Status.ToString(),
                    SiloCapabilities.IsGpu(advertised), advertised.GetValueOrDefault(SiloCapabilities.DeviceKey, "unknown"),
                    hosted.GetValueOrDefault(m.Name) ?? []);
            })
            .ToList();
        return new SiloStatus(silo.Name, silo.Version, silo.StartedUtc, counts, cluster);
    }

    private static async Task<IReadOnlyList<CampaignInfo>> List(IGrainFactory grains)
    {
        var ids = await Registry(grains).List();
        var progress = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICampaignGrain>(id).GetProgress()));
        // A campaign registers before its warm start; one whose creation a crash cut short was never stored (404).
        return ids.Zip(progress, (id, p) => (Id: id, Progress: p))
            .Where(c => c.Progress.Status != CampaignStatus.None)
            .Select(c => c.Progress.ToInfo(c.Id))
            .ToList();
    }

    /// <summary>
    /// Checks a dataset's JSON lines (every bad line at once, 400) and stores them once per content, named by their
    /// SHA-256: what a campaign's configuration refers to instead of a path on the silo.
    /// </summary>
    private static async Task<DatasetInfo> UploadDataset(
        HttpRequest http, DatasetSnapshotStore datasets, VerifierRegistry verifiers, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body, cancellationToken);
        if (body.Length == 0)
        {
            throw new ApiValidationException("dataset", "the body is empty; send the dataset's JSON lines");
        }
        var content = body.ToArray();
        var records = JsonlDataset.Read(content, "dataset", verifiers);
        var sha256 = await datasets.SaveAsync(content, cancellationToken);
        return new DatasetInfo(sha256, content.Length, records.Prompts.Count, records.MergedRepeats);
    }

    private static async Task<IResult> Create(
        HttpRequest http, IGrainFactory grains, CampaignCache campaigns, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var request = await ReadBody<CreateCampaignRequest>(http, cancellationToken);
        var id = CampaignIds.Validate(request.Id);
        if (string.IsNullOrWhiteSpace(request.Config))
        {
            throw new ApiValidationException("config", "is required: the campaign's YAML configuration as text");
        }
        if (request.Steps is <= 0)
        {
            // Checked here, so that the error names this field rather than the configuration's steps.
            throw new ApiValidationException("steps", $"must be positive when given, got {request.Steps}");
        }
        if (request.DatasetSha256 is { } sha256 && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)))
        {
            throw new ApiValidationException("datasetSha256", $"'{sha256}' is not a SHA-256 (64 lowercase hex digits)");
        }
        var spec = new CampaignSpec(request.Config, request.Steps, request.DatasetSha256);
        // A CampaignConfigException names the fields: 400, nothing stored. Loaded through the silo's cache, so the grains reuse it.
        await campaigns.LoadAsync(spec);

        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var creation = CreateAndStart(campaign, spec, request.Start);
        if (await Task.WhenAny(creation, Task.Delay(CreateWait, cancellationToken)) == creation)
        {
            return TypedResults.Created($"/api/v1/campaigns/{id}", (await creation).ToInfo(id));
        }
        // The warm start goes on after this request: its outcome shows in the campaign's status.
        var log = logs.CreateLogger(typeof(CampaignEndpoints));
        _ = creation.ContinueWith(t => log.LogError(t.Exception, "Creating campaign {Campaign} failed", id),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return TypedResults.Accepted($"/api/v1/campaigns/{id}", (await campaign.GetProgress()).ToInfo(id));
    }

    private static async Task<CampaignProgress> CreateAndStart(ICampaignGrain campaign, CampaignSpec spec, bool start)
    {
        var created = await campaign.Create(spec, start);
        // A campaign created before and not started yet: the creation above found it done.
        if (start && created.Status == CampaignStatus.Created)
        {
            await campaign.Start();
            created = await campaign.GetProgress();
        }
        return created;
    }

    private static async Task<CampaignInfo> Get(string id, IGrainFactory grains) => (await Find(grains, id).GetProgressChecked(id)).ToInfo(id);

    private static async Task<CampaignInfo> Act(string id, IGrainFactory grains, Func<ICampaignGrain, CampaignProgress, Task> action)
    {
        var campaign = Find(grains, id);
        await action(campaign, await campaign.GetProgressChecked(id));
        return (await campaign.GetProgress()).ToInfo(id);
    }

    // A step waiting for an external trainer would hold a pause or a stop up: it stops waiting first.
    private static async Task Pause(ICampaignGrain campaign, CampaignProgress progress)
    {
        await campaign.Interrupt();
        await campaign.Pause();
    }

    private static async Task Stop(ICampaignGrain campaign, CampaignProgress progress)
    {
        await campaign.Interrupt();
        await campaign.Terminate();
    }

    private static async Task<CampaignConfigInfo> Config(string id, IGrainFactory grains, CampaignCache campaigns)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id);
        var spec = await campaign.GetSpec() ?? throw new CampaignNotFoundException(id);
        var loaded = await campaigns.LoadAsync(spec);
        return new CampaignConfigInfo(id, loaded.ConfigHash, CampaignConfigYaml.Write(loaded.Config), Sources(loaded));
    }

    /// <summary>The built-in families, each with its levels' distributions, or the dataset with the distributions it holds.</summary>
    private static List<ConfigSourceInfo> Sources(Campaign campaign)
    {
        static ConfigDistributionInfo Counted(DistributionPool pool) => new(pool.Name, pool.Training.Count, pool.Evaluation.Count);
        var tasks = campaign.Config.Tasks;
        if (tasks.Builtin.Count == 0)
        {
            return [new(tasks.Dataset ?? "dataset", ConfigSourceInfo.Dataset, campaign.Catalog.Distributions.Select(Counted).ToList())];
        }
        return tasks.Builtin.Select(suite => new ConfigSourceInfo(suite.Family, ConfigSourceInfo.Family,
            suite.Levels.Select(level => Counted(campaign.Catalog.Get(TaskFamilies.DistributionName(suite.Family, level)))).ToList())).ToList();
    }

    private static async Task<CurriculumInfo> Curriculum(string id, IGrainFactory grains, CampaignCache campaigns, int? top, string? distribution, string? order)
    {
        var count = top ?? 20;
        if (count is < 0 or > 10_000)
        {
            throw new ApiValidationException("top", $"must be between 0 and 10000, got {count}");
        }
        if (order is not (null or "difficulty" or "skips"))
        {
            throw new ApiValidationException("order", $"must be difficulty or skips, got '{order}'");
        }
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id, configured: true);
        var snapshot = await campaign.GetCurriculum();
        var catalog = (await campaigns.LoadAsync((await campaign.GetSpec())!)).Catalog;
        var prompts = snapshot.View.Prompts.Where(p => distribution is null || p.Distribution == distribution).ToList();
        var ordered = order == "skips"
            ? prompts.OrderByDescending(p => p.Skips)
            : prompts.OrderByDescending(p => p.PredictedDifficulty ?? (1 - p.PredictedPassRate) ?? p.ObservedDifficulty ?? double.NegativeInfinity);
        var hardest = ordered
            .ThenBy(p => p.PromptId, StringComparer.Ordinal)
            .Take(count)
            .Select(p => p.ToInfo(catalog.GetPrompt(p.PromptId)))
            .ToList();
        return new CurriculumInfo(id, snapshot.Step, snapshot.View.Strategy, snapshot.View.Distributions.Select(d => d.ToInfo()).ToList(),
            hardest, prompts.Count, snapshot.CarriedGroups, snapshot.CarriedTotal, snapshot.DroppedTotal);
    }

    private static async Task<PromptInfo> CurriculumPrompt(string id, string promptId, IGrainFactory grains, CampaignCache campaigns)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id, configured: true);
        var snapshot = await campaign.GetCurriculum();
        var catalog = (await campaigns.LoadAsync((await campaign.GetSpec())!)).Catalog;
        return snapshot.View.Prompts.FirstOrDefault(p => p.PromptId == promptId) is { } prompt
            ? prompt.ToInfo(catalog.GetPrompt(prompt.PromptId))
            : throw new PromptNotFoundException(id, promptId);
    }

    private static async Task<IReadOnlyList<CurriculumHistoryEntry>> CurriculumHistory(string id, IGrainFactory grains, long? since)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id);
        return (await campaign.GetMetrics(since ?? 0))
            .Select(m => new CurriculumHistoryEntry(m.Step, m.Curriculum?.Select(d => d.ToInfo()).ToList() ?? []))
            .ToList();
    }

    private static async Task<ReplayInfo> Replay(string id, IGrainFactory grains)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id, configured: true);
        var stats = await campaign.GetReplay();
        return new ReplayInfo(stats.Enabled, stats.Stored, stats.Admitted, stats.Replayed);
    }

    private static async Task<IResult> Metrics(string id, IGrainFactory grains, long? since, string? format)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id);
        var steps = await campaign.GetMetrics(since ?? 0);
        return format?.ToUpperInvariant() switch
        {
            null or "JSON" => TypedResults.Ok(steps.Select(m => m.ToInfo()).ToList()),
            "CSV" => TypedResults.Text(MetricsCsv.Write(steps), "text/csv"),
            _ => throw new ApiValidationException("format", $"must be json or csv, got '{format}'"),
        };
    }

    /// <summary>format=csv answers 200 with text/csv; the framework keeps one body per status, the JSON one.</summary>
    private static Task DescribeCsvMetrics(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            ok.Content["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
        return Task.CompletedTask;
    }

    private static async Task<IReadOnlyList<CheckpointInfo>> Checkpoints(string id, IGrainFactory grains)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id);
        return (await campaign.GetCheckpoints()).Select(m => m.ToInfo()).ToList();
    }

    private static async Task Events(string id, HttpContext http, IGrainFactory grains, long? after)
    {
        var campaign = Find(grains, id);
        await campaign.GetProgressChecked(id);
        var from = after ?? 0;
        if (http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId)
        {
            from = long.TryParse(lastEventId, out var parsed) && parsed >= 0
                ? parsed
                : throw new ApiValidationException("Last-Event-ID", $"must be a step number, got '{lastEventId}'");
        }
        await CampaignEventStream.Write(http, campaign, from, http.RequestAborted);
    }

    private static ICampaignRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key);

    /// <summary>The campaign grain of a valid id (400 otherwise); <see cref="GetProgressChecked"/> then answers 404 for one never created.</summary>
    private static ICampaignGrain Find(IGrainFactory grains, string id) => grains.GetGrain<ICampaignGrain>(CampaignIds.Validate(id));

    /// <param name="configured">Whether the caller needs the campaign's other grains, which exist once it is created.</param>
    internal static async Task<CampaignProgress> GetProgressChecked(this ICampaignGrain campaign, string id, bool configured = false)
    {
        var progress = await campaign.GetProgress();
        return progress.Status switch
        {
            CampaignStatus.None => throw new CampaignNotFoundException(id),
            CampaignStatus.Creating when configured =>
                throw new CampaignConflictException($"campaign '{id}' is still being created (warm start and first evaluation); ask again once it is Created."),
            _ => progress,
        };
    }

    /// <summary>The JSON body; malformed JSON or a wrong type is a 400 naming the field (its JSON path), an oversize body a 413.</summary>
    internal static async Task<T> ReadBody<T>(HttpRequest http, CancellationToken cancellationToken)
        where T : class
    {
        if (!http.HasJsonContentType())
        {
            throw new ApiValidationException("Content-Type", $"must be application/json, got '{http.ContentType}'");
        }
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Body, ApiJson.Options, cancellationToken)
                ?? throw new ApiValidationException("$", "the body is null; expected a JSON object");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            // The serializer's message for a wrong type names the contract's .NET type, not what the field takes.
            throw new ApiValidationException(field, e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"must be {JsonTypeOf<T>(field)}"
                : $"malformed JSON: {e.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>What the JSON of <paramref name="field"/> (a property of <typeparamref name="T"/>, or "$" for the body) must be.</summary>
    private static string JsonTypeOf<T>(string field)
    {
        var property = typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return "a JSON object";
        }
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "an integer"
            : "a JSON object";
    }
}
