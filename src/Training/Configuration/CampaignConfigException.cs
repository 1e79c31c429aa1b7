using Orleans;

namespace Rlvr.Training.Configuration;

/// <summary>A campaign file with problems; each error starts with the field path it concerns.</summary>
[GenerateSerializer, Alias("rlvr.CampaignConfigException")]
public sealed class CampaignConfigException(IReadOnlyList<string> errors)
    : Exception("invalid campaign configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    [Id(0)]
    public IReadOnlyList<string> Errors { get; } = errors;
}
