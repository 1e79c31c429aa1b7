using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Campaigns;

/// <summary>A loaded campaign: its validated configuration, its prompts, and the configuration hash.</summary>
public sealed record Campaign(CampaignConfig Config, TaskCatalog Catalog, string ConfigHash);
