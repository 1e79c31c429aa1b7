using Orleans;

namespace Rlvr.Training.Configuration;

/// <summary>A campaign file with problems; each error starts with the field path it concerns, and the message names the file when known.</summary>
[GenerateSerializer, Alias("rlvr.CampaignConfigException")]
public sealed class CampaignConfigException(IReadOnlyList<string> errors, string? file = null)
    : Exception($"invalid campaign configuration{(file is null ? "" : $" in {file}")}:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    [Id(0)]
    public IReadOnlyList<string> Errors { get; } = errors;

    [Id(1)]
    public string? File { get; } = file;

    /// <summary>The same errors, said of <paramref name="path"/>.</summary>
    public CampaignConfigException In(string path) => new(Errors, path);
}
