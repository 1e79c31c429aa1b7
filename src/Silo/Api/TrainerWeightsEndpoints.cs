using System.Globalization;
using System.Text.RegularExpressions;
using Rlvr.Api.Contracts;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Chunks;
using Rlvr.Training.Campaigns;
using F = Rlvr.Grains.Learner.PolicyPublicationFormat;

namespace Rlvr.Silo.Api;

/// <summary>
/// The policy versions a campaign's built-in learner publishes, under /api/v1/campaigns/{id}/trainer/weights: for
/// inference workers outside the cluster, which fetch a version the way a rollout silo does (its manifest, then the
/// chunks they lack, a delta applied to the version before). A campaign with an external trainer publishes none: its
/// weights live in its trainer.
/// </summary>
internal static partial class TrainerWeightsEndpoints
{
    private const string NoPolicy =
        "The campaign has no built-in learner (its trainer is external, so its weights live there) or is still being created, or it is not running and its learner holds no policy now.";

    public static IEndpointRouteBuilder MapTrainerWeightsApi(this IEndpointRouteBuilder app)
    {
        var weights = app.MapGroup("/api/v1/campaigns/{id}/trainer/weights").WithTags(TrainerEndpoints.Tag);
        weights.MapGet("/{version}", Version).WithName("GetPolicyWeights")
            .WithSummary("A published policy version of a campaign with a built-in learner: whole, or as a delta from the version before (whole=true: whole)")
            .Produces<PolicyWeightsInfo>()
            .ProducesInvalidRequestWhen("The id, version or whole (true or false) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound,
                "No campaign has this id, or its learner does not hold this version (it holds the current one, and the one before while an update runs).")
            .ProducesProblemWhen(StatusCodes.Status409Conflict, NoPolicy)
            .ProducesProblemWhen(StatusCodes.Status503ServiceUnavailable, "The running campaign is restoring its learner from its last checkpoint.");
        weights.MapGet("/chunks/{blob}/{sha256}", Chunk).WithName("GetPolicyWeightsChunk")
            .WithSummary("One chunk of a published version, as its manifest lists it (blob, SHA-256)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesInvalidRequestWhen("The id, blob or sha256 (64 lowercase hexadecimal digits) is invalid.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound, "No campaign has this id, or the chunk is not stored (collected since: ask for the version again).")
            .ProducesProblemWhen(StatusCodes.Status409Conflict, "The campaign is still being created.");
        return app;
    }

    private static async Task<PolicyWeightsInfo> Version(
        string id, long version, bool? whole, IGrainFactory grains, ChunkedBlobStore store, CancellationToken cancellationToken)
    {
        var progress = await grains.GetGrain<ICampaignGrain>(CampaignIds.Validate(id)).GetProgressChecked(id);
        var configHash = ConfigHash(id, progress);
        var learner = grains.GetGrain<ILearnerGrain>(id);
        PolicyPublication publication;
        try
        {
            publication = whole == true ? await learner.GetFullPublication(configHash, version) : await learner.GetPublication(configHash, version);
        }
        catch (CampaignRestoreRequiredException) when (progress.Status is not CampaignStatus.Running)
        {
            // Only a running campaign restores its learner; a halted one's weights are in its checkpoints.
            throw new CampaignConflictException(
                $"campaign '{id}' is {progress.Status} and its learner holds no policy now (it was collected or its silo restarted); its checkpoints hold the weights.");
        }
        var manifest = await store.GetManifestAsync(publication.Collection, publication.Sequence, cancellationToken)
            ?? throw new PolicyVersionNotHeldException($"policy version {version} of campaign '{id}' was collected meanwhile; the learner has moved on.");
        var delta = manifest.Require(F.Kind) == F.Delta;
        return new PolicyWeightsInfo(
            publication.Version,
            delta ? "delta" : "whole",
            delta ? long.Parse(manifest.Require(F.BaseVersion), CultureInfo.InvariantCulture) : null,
            publication.WeightsHash,
            manifest.Require(F.WeightsSha256),
            manifest.Length,
            manifest.Sha256,
            [.. manifest.Chunks.Select(c => new PolicyWeightsChunkInfo(c.Sha256, c.Length, c.StoredUnder))]);
    }

    private static async Task<IResult> Chunk(
        string id, long blob, string sha256, IGrainFactory grains, ChunkedBlobStore store, CancellationToken cancellationToken)
    {
        if (!Sha256Pattern().IsMatch(sha256))
        {
            throw new ApiValidationException("sha256", "must be 64 lowercase hexadecimal digits");
        }
        var progress = await grains.GetGrain<ICampaignGrain>(CampaignIds.Validate(id)).GetProgressChecked(id);
        var bytes = await store.ReadChunkAsync(F.Collection(id, ConfigHash(id, progress)), blob, sha256, cancellationToken)
            ?? throw new WeightsChunkNotFoundException(id, blob, sha256);
        return Results.Bytes(bytes, "application/octet-stream");
    }

    private static string ConfigHash(string id, CampaignProgress progress) =>
        progress.ConfigHash ?? throw new CampaignConflictException($"campaign '{id}' is still being created; it publishes no weights yet.");

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
