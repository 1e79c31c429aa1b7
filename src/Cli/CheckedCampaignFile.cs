using Rlvr.Grains.Campaigns;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Cli;

/// <summary>
/// A campaign file read and checked on the user's machine as a silo would check it (configuration, dataset, task
/// catalog), every configuration error naming the file: what `rlvr validate`, `rlvr run` and `rlvr campaign create` do
/// before anything else.
/// </summary>
internal sealed record CheckedCampaignFile(CampaignFile File, DatasetRecords? Dataset, CampaignSpec Spec, Campaign Campaign)
{
    public static CheckedCampaignFile Load(string path, int? steps = null)
    {
        try
        {
            var file = CampaignFile.Read(path);
            var dataset = file.ReadDataset(VerifierRegistry.CreateDefault());
            var spec = file.Spec(steps);
            return new CheckedCampaignFile(file, dataset, spec, spec.Load(dataset));
        }
        catch (CampaignConfigException e) when (e.File is null)
        {
            throw e.In(Path.GetFullPath(path));
        }
    }
}
