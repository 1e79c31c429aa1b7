using Rlvr.Training.Configuration;
using Rlvr.Training.Strategies;

namespace Rlvr.Training.Tests.Strategies;

/// <summary>The registry is what the parser, validator and factory read: names, parameter keys and errors come from it.</summary>
public sealed class StrategyRegistryTests
{
    private const string Tasks = """
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
        """;

    [Fact]
    public void AnUnknownStrategyIsAnErrorListingEveryRegisteredOne()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: no-such-strategy\n"));

        Assert.Contains($"strategy.name: unknown value 'no-such-strategy'; known: {string.Join(", ", StrategyRegistry.StrategyNames)}", error.Message, StringComparison.Ordinal);
        // The first release's strategies first, in their order (the configuration hash writes their blocks so); later ones after.
        Assert.Equal(["uniform", "dump", "dots", "prioritized"], StrategyRegistry.StrategyNames.Take(4));
        Assert.Equal(StrategyRegistry.StrategyNames.Count, StrategyRegistry.StrategyNames.Distinct().Count());
    }

    [Fact]
    public void EveryListedParameterIsAKeyTheParserKnowsAndEveryOneIsDescribed()
    {
        foreach (var component in StrategyRegistry.Describe())
        {
            Assert.False(string.IsNullOrEmpty(component.Summary), component.Name);
            foreach (var parameter in component.Parameters)
            {
                Assert.False(string.IsNullOrEmpty(parameter.Description), parameter.Key);
                var config = CampaignConfigParser.Parse(Tasks + "\n" + Nested(parameter.Key, parameter.Default));
                Assert.NotNull(config);
            }
        }
    }

    [Fact]
    public void AStrategysBlockIsBoundIntoItsOptions()
    {
        var config = CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: dots\n  dots:\n    reference_size: 64\n  dump:\n    window: 50\n");

        Assert.Equal(64, config.Strategy.Options<DotsConfig>().ReferenceSize);
        Assert.Equal(50, config.Strategy.Options<DumpConfig>().Window);
        Assert.Same(config.Strategy.Options<DotsConfig>(), config.Strategy.ChosenBlock);
    }

    [Fact]
    public void ABadValueInAnotherStrategysBlockIsStillAnErrorNamingIt()
    {
        var error = Assert.Throws<CampaignConfigException>(() =>
            CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: uniform\n  prioritized:\n    smoothing: 0\n  dump:\n    windw: 3\n"));

        Assert.Contains("strategy.prioritized.smoothing: must be in (0, 1], got 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.dump.windw: unknown key; known: window, exploration, temperature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStrategyBlockIsAnErrorListingTheBlocks()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  no_such_strategy:\n    window: 3\n"));

        // The strategy keys, then every registered block: a strategy added later is listed without editing this test.
        var blocks = string.Join(", ", StrategyRegistry.Strategies.Where(s => s.OptionsType is not null).Select(s => s.Name));
        Assert.Contains($"strategy.no_such_strategy: unknown key; known: name, shadow_uniform_prompts, {blocks}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("dump, dots, prioritized", blocks, StringComparison.Ordinal);
    }

    /// <summary>"a.b.c" and a value as nested YAML.</summary>
    private static string Nested(string key, string value)
    {
        var parts = key.Split('.');
        return string.Concat(parts.Select((p, i) => new string(' ', 2 * i) + p + (i == parts.Length - 1 ? $": {value}\n" : ":\n")));
    }
}
