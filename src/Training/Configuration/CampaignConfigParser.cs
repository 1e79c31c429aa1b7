using Rlvr.Training.Tasks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Configuration;

/// <summary>Reads campaign configurations: YAML text to a validated <see cref="CampaignConfig"/>, and its task catalog.</summary>
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

    /// <summary>
    /// The task catalog: generated for built-in tasks, else split from <paramref name="dataset"/>, the records of the
    /// dataset <c>tasks.dataset</c> names; throws <see cref="CampaignConfigException"/> naming the fields at fault.
    /// </summary>
    public static TaskCatalog BuildCatalog(CampaignConfig config, DatasetRecords? dataset)
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
            ArgumentNullException.ThrowIfNull(dataset);
            catalog = TaskCatalog.FromDataset(dataset.Prompts, config.BaseSeedOrSeed, tasks.EvalSize, tasks.EvalFraction);
            validator.ValidateDistributionNames(config, catalog.DistributionNames);
        }
        validator.ValidateModelFits(config, catalog);
        return errors.Count > 0 ? throw new CampaignConfigException(errors) : catalog;
    }
}
