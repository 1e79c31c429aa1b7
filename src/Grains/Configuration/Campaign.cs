using Rlvr.Grains.Tasks;

namespace Rlvr.Grains.Configuration;

/// <summary>A loaded campaign: its validated configuration, its prompts, and the configuration hash.</summary>
public sealed record Campaign(CampaignConfig Config, TaskCatalog Catalog, string ConfigHash);
