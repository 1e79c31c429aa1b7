using Orleans;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Campaigns;

/// <summary>
/// What a campaign is created from: the YAML text, an optional override of the configured step count, and for a dataset
/// campaign the SHA-256 of its dataset's snapshot (content-addressed, see the dataset snapshot store). No path is in it:
/// a silo gets content, and stored specs stay valid when a data directory moves (each silo knows its own). Specs stored
/// before carried a DataDirectory property, which reading them ignores.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.CampaignSpec")]
public sealed record CampaignSpec(string Yaml, int? Steps = null, string? DatasetSha256 = null)
{
    /// <summary>
    /// Parses, validates and builds the task catalog from <paramref name="dataset"/>, the records of the dataset whose
    /// SHA-256 is <see cref="DatasetSha256"/>; throws <see cref="CampaignConfigException"/> naming the fields at fault.
    /// </summary>
    public Campaign Load(DatasetRecords? dataset = null)
    {
        var config = CampaignConfigParser.Parse(Yaml);
        if (Steps is { } steps)
        {
            if (steps <= 0)
            {
                throw new CampaignConfigException([$"steps: must be positive, got {steps} (--steps)"]);
            }
            config.Steps = steps;
        }
        if ((config.Tasks.Dataset is null) != (DatasetSha256 is null) || (dataset is null) != (DatasetSha256 is null))
        {
            throw new CampaignConfigException([config.Tasks.Dataset is null
                ? "tasks.dataset: not set, but a dataset was sent with the campaign"
                : $"tasks.dataset: names '{config.Tasks.Dataset}', but its content was not sent with the campaign"]);
        }
        var catalog = CampaignConfigParser.BuildCatalog(config, dataset);
        return new Campaign(config, catalog, ConfigHash.Compute(config, DatasetSha256));
    }
}
