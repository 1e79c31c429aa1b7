using Orleans;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Verifiers;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// What a campaign is created from: the YAML text, the directory relative paths in it resolve against, the data
/// directory (warm-start cache, policy file, metrics) and an optional override of the configured step count.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CampaignSpec(string Yaml, string BaseDirectory, string DataDirectory, int? Steps = null)
{
    /// <summary>Reads a campaign file into a spec; relative paths in it resolve against its directory.</summary>
    public static CampaignSpec FromFile(string path, string dataDirectory, int? steps = null) =>
        new(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFullPath(dataDirectory), steps);

    /// <summary>Parses, validates and builds the task catalog; throws <see cref="CampaignConfigException"/> naming the fields at fault.</summary>
    public Campaign Load(VerifierRegistry verifiers)
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
        var catalog = CampaignConfigParser.BuildCatalog(config, BaseDirectory, verifiers);
        return new Campaign(config, catalog, ConfigHash.Compute(config));
    }

    /// <summary>The directory of one campaign's files under the data directory.</summary>
    public string CampaignDirectory(string campaignId) => Path.Combine(DataDirectory, campaignId);
}
