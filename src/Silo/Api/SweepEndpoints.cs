using Rlvr.Api.Contracts;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Sweeps;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Sweeps;

namespace Rlvr.Silo.Api;

/// <summary>The sweep API under /api/v1/sweeps: create (expand and start), list, get with the comparison, stop.</summary>
internal static class SweepEndpoints
{
    public const string Tag = "sweeps";

    public const string TagDescription =
        "Sweeps: a base campaign and axes expanded into campaigns, run a few at a time, and the comparison of their arms.";

    private const string InvalidId = "The id is not a sweep id.";
    private const string UnknownSweep = "No sweep has this id.";

    public static IEndpointRouteBuilder MapSweepApi(this IEndpointRouteBuilder app)
    {
        var sweeps = app.MapGroup("/api/v1/sweeps").WithTags(Tag);
        sweeps.MapGet("/", List).WithName("ListSweeps").WithSummary("List the sweeps, each with its campaigns and comparison");
        sweeps.MapPost("/", Create).WithName("CreateSweep")
            .WithSummary("Create a sweep from its self-contained YAML spec and start its campaigns, a few at a time")
            .Accepts<CreateSweepRequest>("application/json")
            .Produces<SweepInfo>(StatusCodes.Status201Created)
            .ProducesInvalidRequestWhen(
                "The body is not JSON, its id is invalid, or its spec (or a campaign it expands to) names a field at fault.")
            .ProducesProblemWhen(StatusCodes.Status409Conflict, "A sweep with this id has another spec.")
            .ProducesProblemWhen(StatusCodes.Status413PayloadTooLarge, "The body is over Api:MaxRequestBodyBytes.");
        sweeps.MapGet("/{id}", Get).WithName("GetSweep")
            .WithSummary("Get a sweep: its campaigns' progress and the comparison of its arms")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownSweep);
        sweeps.MapPost("/{id}/stop", Stop).WithName("StopSweep").WithSummary("Stop a sweep and its campaigns for good")
            .ProducesInvalidRequestWhen(InvalidId)
            .ProducesProblemWhen(StatusCodes.Status404NotFound, UnknownSweep);
        return app;
    }

    private static async Task<IResult> Create(
        HttpRequest http, IGrainFactory grains, CampaignCache campaigns, CancellationToken cancellationToken)
    {
        var request = await CampaignEndpoints.ReadBody<CreateSweepRequest>(http, cancellationToken);
        var id = CampaignIds.Validate(request.Id);
        if (string.IsNullOrWhiteSpace(request.Spec))
        {
            throw new ApiValidationException("spec", "is required: the sweep's YAML spec as text, its files inlined");
        }
        var spec = SweepSpec.Parse(request.Spec);
        if (spec.Id is { } named && named != id)
        {
            throw new ApiValidationException("id", $"'{id}' is not the spec's id '{named}'");
        }
        var plan = SweepPlan.Expand(spec, id);
        foreach (var campaign in plan.Campaigns)
        {
            CampaignIds.Validate(campaign.CampaignId);
        }
        // The loader's checks beyond the configuration (the model fits the tasks), once per arm: seeds do not change them.
        foreach (var campaign in plan.Campaigns.DistinctBy(c => c.Arm))
        {
            try
            {
                await campaigns.LoadAsync(new CampaignSpec(campaign.Yaml));
            }
            catch (CampaignConfigException e)
            {
                throw new SweepSpecException(e.Errors.Select(error => $"{error} (arm {campaign.Arm})").ToList());
            }
        }
        var view = await grains.GetGrain<ISweepGrain>(id).Create(request.Spec);
        return TypedResults.Created($"/api/v1/sweeps/{id}", view.ToInfo());
    }

    private static async Task<IReadOnlyList<SweepInfo>> List(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ICampaignRegistryGrain>(SweepGrain.RegistryKey).List();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISweepGrain>(id).GetView()));
        return views.Where(v => v.Status != SweepStatus.None).Select(v => v.ToInfo()).ToList();
    }

    private static async Task<SweepInfo> Get(string id, IGrainFactory grains) => (await Find(grains, id).GetViewChecked()).ToInfo();

    private static async Task<SweepInfo> Stop(string id, IGrainFactory grains)
    {
        var sweep = Find(grains, id);
        if (await sweep.GetStatus() == SweepStatus.None)
        {
            throw new SweepNotFoundException(id);
        }
        return (await sweep.Terminate()).ToInfo();
    }

    /// <summary>The sweep grain of a valid id (400 otherwise) that was created (404 otherwise).</summary>
    private static ISweepGrain Find(IGrainFactory grains, string id) => grains.GetGrain<ISweepGrain>(CampaignIds.Validate(id));

    private static async Task<SweepView> GetViewChecked(this ISweepGrain sweep)
    {
        var view = await sweep.GetView();
        return view.Status == SweepStatus.None ? throw new SweepNotFoundException(view.Id) : view;
    }
}
