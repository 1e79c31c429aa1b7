using Rlvr.Grains.Tasks;
using Rlvr.Grains.Verifiers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Grains.Configuration;

/// <summary>Reads campaign files: YAML text to a validated <see cref="CampaignConfig"/>, and a file to a ready <see cref="Campaign"/>.</summary>
public static class CampaignConfigParser
{
    /// <summary>Binds and validates; throws <see cref="CampaignConfigException"/> listing every problem.</summary>
    public static CampaignConfig Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        var config = new CampaignConfig();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CampaignConfigException([$"line {e.Start.Line}, column {e.Start.Column}: YAML syntax error: {e.Message}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CampaignConfigException(["(root): expected a mapping of keys to values"]);
        }
        YamlBinder.Bind(config, root, string.Empty, errors);
        var validator = new CampaignConfigValidator(errors);
        validator.Validate(config);
        if (config.Tasks.Builtin.Count > 0)
        {
            validator.ValidateDistributionNames(config, CampaignConfigValidator.BuiltInDistributions(config.Tasks));
        }
        return errors.Count > 0 ? throw new CampaignConfigException(errors) : config;
    }

    /// <summary>Reads a campaign file, builds its task catalog (loading a dataset relative to the file) and hashes it.</summary>
    public static Campaign Load(string path, VerifierRegistry verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var config = Parse(File.ReadAllText(path));
        var catalog = BuildCatalog(config, Path.GetDirectoryName(Path.GetFullPath(path))!, verifiers);
        return new Campaign(config, catalog, ConfigHash.Compute(config));
    }

    public static TaskCatalog BuildCatalog(CampaignConfig config, string baseDirectory, VerifierRegistry verifiers)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tasks = config.Tasks;
        var errors = new List<string>();
        var validator = new CampaignConfigValidator(errors);
        TaskCatalog catalog;
        if (tasks.Builtin.Count > 0)
        {
            var levels = tasks.Builtin.SelectMany(s => s.Levels.Select(l => (TaskFamilies.Get(s.Family), l)));
            catalog = TaskCatalog.Generate(levels, new BuiltInTaskOptions(config.BaseSeedOrSeed, tasks.PoolSize, tasks.EvalSize, tasks.EvalFraction));
        }
        else
        {
            var datasetPath = Path.Combine(baseDirectory, tasks.Dataset!);
            if (!File.Exists(datasetPath))
            {
                throw new CampaignConfigException([$"tasks.dataset: file not found: {datasetPath}"]);
            }
            catalog = TaskCatalog.FromDataset(JsonlDataset.Load(datasetPath, verifiers), config.BaseSeedOrSeed, tasks.EvalSize, tasks.EvalFraction);
            validator.ValidateDistributionNames(config, catalog.DistributionNames);
        }
        validator.ValidateModelFits(config, catalog);
        return errors.Count > 0 ? throw new CampaignConfigException(errors) : catalog;
    }
}
