using Orleans;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Campaigns;

/// <summary>
/// What a campaign is created from: the YAML text, the silo's data directory (warm-start cache, policy file,
/// metrics), an optional override of the configured step count, and for a dataset campaign the SHA-256 of its
/// dataset's snapshot (content-addressed, see the dataset snapshot store). No path in it is read: a silo gets content.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.CampaignSpec")]
public sealed record CampaignSpec(string Yaml, string DataDirectory, int? Steps = null, string? DatasetSha256 = null)
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

    /// <summary>The directory of one campaign's files under the data directory.</summary>
    public string CampaignDirectory(string campaignId) => Path.Combine(DataDirectory, campaignId);
}
