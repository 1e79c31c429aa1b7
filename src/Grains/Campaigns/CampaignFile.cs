using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign file as its user has it on disk: the YAML and, when <c>tasks.dataset</c> names one, the dataset's
/// bytes, read relative to the file. Read on the user's side (the CLI, tests, benches); a silo is sent the content.
/// </summary>
public sealed record CampaignFile(string Yaml, string? DatasetPath, byte[]? Dataset)
{
    /// <summary>Reads the file and its dataset; throws <see cref="CampaignConfigException"/> naming what is wrong.</summary>
    public static CampaignFile Read(string path)
    {
        var yaml = File.ReadAllText(path);
        if (CampaignConfigParser.Parse(yaml).Tasks.Dataset is not { } dataset)
        {
            return new CampaignFile(yaml, null, null);
        }
        var datasetPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataset);
        return File.Exists(datasetPath)
            ? new CampaignFile(yaml, datasetPath, File.ReadAllBytes(datasetPath))
            : throw new CampaignConfigException([$"tasks.dataset: file not found: {datasetPath}"]);
    }

    /// <summary>The spec of this file's campaign.</summary>
    public CampaignSpec Spec(int? steps = null) => new(Yaml, steps, Dataset is null ? null : DatasetSnapshotStore.Hash(Dataset));

    /// <summary>The dataset's records (null without one); throws <see cref="DatasetException"/> listing bad lines.</summary>
    public DatasetRecords? ReadDataset(VerifierRegistry verifiers) =>
        Dataset is null ? null : JsonlDataset.Read(Dataset, DatasetPath!, verifiers);
}
