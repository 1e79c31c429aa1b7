using System.Text.RegularExpressions;
using Rlvr.Training.Configuration;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// A sweep expanded into campaigns: the cartesian product of its axes, each campaign's configuration the base with the
/// arm's fragments deep-merged and its values set by dotted path (in the axes' order), then the seed and the sweep's
/// step count. Ordered seed by seed, each seed's arms in the axes' order (the first axis slowest), so that a sweep
/// cut short has compared every arm at its first seeds. Campaign ids are <c>sweep.arm.seed-n</c>
/// (<c>sweep.arm</c> without a seed axis).
/// </summary>
public sealed partial record SweepPlan(
    string Id, int Concurrency, string Reference, IReadOnlyList<SweepAxis> Axes, IReadOnlyList<SweepPlanCampaign> Campaigns)
{
    /// <summary>An arm of a sweep without other axes than the seed.</summary>
    public const string BaseArm = "base";

    /// <summary>The arms in order, each once.</summary>
    public IReadOnlyList<string> Arms => Campaigns.Select(c => c.Arm).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Expands <paramref name="spec"/> under the id <paramref name="id"/> and checks every campaign's configuration with
    /// the campaign loader; throws <see cref="SweepSpecException"/> naming the axis or field (and the arm) at fault.
    /// </summary>
    public static SweepPlan Expand(SweepSpec spec, string id, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        foreach (var axis in spec.Axes.Where(a => !a.IsSeed))
        {
            if (axis.Values.Any(v => !v.IsFragment) && !KeyPath().IsMatch(axis.Name))
            {
                errors.Add($"axes.{axis.Name}: is not a configuration key (snake_case names joined by '.'), so it takes fragments only");
            }
            foreach (var value in axis.Values.Where(v => !Label().IsMatch(axis.ArmPart(v))))
            {
                errors.Add($"axes.{axis.Name}: '{value.Label}' cannot name a campaign: letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        }
        var arms = Product(spec.Axes.Where(a => !a.IsSeed).ToList());
        var seedAxis = spec.Axes.FirstOrDefault(a => a.IsSeed);
        var reference = spec.Reference ?? arms[0].Name;
        if (arms.All(a => a.Name != reference))
        {
            errors.Add($"reference: '{reference}' is not an arm of this sweep; its arms: {string.Join(", ", arms.Select(a => a.Name))}");
        }
        if (errors.Count > 0)
        {
            throw new SweepSpecException(errors, source);
        }

        var campaigns = new List<SweepPlanCampaign>();
        foreach (var seed in seedAxis?.Values.Select(v => (SweepAxisValue?)v) ?? [null])
        {
            foreach (var arm in arms)
            {
                var config = (YamlMappingNode)YamlText.Copy(spec.Base);
                foreach (var (axis, value) in arm.Values)
                {
                    Apply(config, axis, value, errors);
                }
                if (seed is not null)
                {
                    Apply(config, seedAxis!, seed, errors);
                }
                if (spec.Steps is { } steps)
                {
                    YamlText.Set(config, "steps", new YamlScalarNode(steps.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                var campaignId = seed is null ? $"{id}.{arm.Name}" : $"{id}.{arm.Name}.seed-{seed.Label}";
                var yaml = YamlText.Write(config);
                try
                {
                    var parsed = CampaignConfigParser.Parse(yaml);
                    if (parsed.Tasks.Dataset is not null)
                    {
                        errors.Add($"tasks.dataset: a sweep runs built-in tasks only, not a dataset (arm {arm.Name})");
                    }
                    campaigns.Add(new SweepPlanCampaign(campaignId, arm.Name, parsed.Seed, yaml, parsed.Grpo.GroupSize));
                }
                catch (CampaignConfigException e)
                {
                    errors.AddRange(e.Errors.Select(error => $"{error} (arm {arm.Name})"));
                }
            }
        }
        // A bad value shows in every seed of its arm: said once.
        errors = errors.Distinct(StringComparer.Ordinal).ToList();
        return errors.Count > 0
            ? throw new SweepSpecException(errors, source)
            : new SweepPlan(id, spec.Concurrency, reference, spec.Axes, campaigns);
    }

    private static void Apply(YamlMappingNode config, SweepAxis axis, SweepAxisValue value, List<string> errors)
    {
        if (value.IsFragment)
        {
            YamlText.Merge(config, (YamlMappingNode)value.Node);
        }
        else if (YamlText.Set(config, axis.Name, value.Node) is { } blocked)
        {
            errors.Add($"axes.{axis.Name}: the base's {blocked} is a value, not a mapping that could hold {axis.Name}");
        }
    }

    /// <summary>The arms: every combination of the axes' values, the first axis slowest, named by their parts joined with '_'.</summary>
    private static List<(string Name, List<(SweepAxis Axis, SweepAxisValue Value)> Values)> Product(List<SweepAxis> axes)
    {
        var arms = new List<List<(SweepAxis, SweepAxisValue)>> { new() };
        foreach (var axis in axes)
        {
            arms = arms.SelectMany(arm => axis.Values.Select(v => new List<(SweepAxis, SweepAxisValue)>(arm) { (axis, v) })).ToList();
        }
        return arms.Select(values => (values.Count == 0 ? BaseArm : string.Join('_', values.Select(p => p.Item1.ArmPart(p.Item2))), values)).ToList();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPath();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
