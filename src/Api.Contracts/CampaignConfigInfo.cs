namespace Rlvr.Api.Contracts;

/// <summary>
/// A campaign's effective configuration: its hash, the YAML with every default written out (it parses back to the
/// same configuration hash), and where its prompts come from.
/// </summary>
public sealed record CampaignConfigInfo(string Id, string ConfigHash, string Yaml, IReadOnlyList<ConfigSourceInfo> Sources);
