using System.Reflection;
using System.Text.Json;
using Rlvr.Training.Configuration;
using Rlvr.Training.Strategies;

namespace Rlvr.Training.Tests.Configuration;

/// <summary>
/// docs/configuration.md documents every key the campaign parser accepts: the keys are enumerated from
/// <see cref="CampaignConfig"/> the way the YAML binder walks it (public writable properties, snake_case names,
/// nested classes as dotted paths, lists of classes as <c>key[].child</c>), and each must appear as the first cell of
/// a table row in the reference.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void EveryConfigurationKeyIsDocumented()
    {
        var documented = DocumentedKeys(File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "configuration.md")));
        var keys = Keys(typeof(CampaignConfig), string.Empty).ToList();

        var missing = keys.Where(k => !documented.Contains(k)).ToList();

        Assert.NotEmpty(keys);
        Assert.True(missing.Count == 0, $"docs/configuration.md lacks a table row for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheEnumerationFindsNestedAndListKeys()
    {
        var keys = Keys(typeof(CampaignConfig), string.Empty).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("grpo.group_size", keys);
        Assert.Contains("strategy.dump.window", keys);
        Assert.Contains("tasks.builtin[].family", keys);
        Assert.Contains("warm_start.levels", keys);
        Assert.DoesNotContain("grpo", keys);
    }

    /// <summary>The leaf keys under <paramref name="type"/>, as the binder names them.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);
        foreach (var property in properties)
        {
            var key = prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>)
                && IsSection(propertyType.GetGenericArguments()[0]))
            {
                foreach (var child in Keys(propertyType.GetGenericArguments()[0], key + "[]."))
                {
                    yield return child;
                }
            }
            else if (IsSection(propertyType))
            {
                foreach (var child in Keys(propertyType, key + "."))
                {
                    yield return child;
                }
            }
            else
            {
                yield return key;
            }
        }
        // Blocks the binder finds by name beyond the properties: each registered strategy's parameters.
        if (type == typeof(StrategyConfig))
        {
            foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.OptionsType is not null))
            {
                foreach (var child in Keys(strategy.OptionsType!, $"{prefix}{strategy.Name}."))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>A class the binder recurses into: not a string, a collection or a dictionary.</summary>
    private static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>The backticked first cells of the document's table rows.</summary>
    private static HashSet<string> DocumentedKeys(IEnumerable<string> lines)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('|'))
            {
                continue;
            }
            var cells = trimmed.Split('|');
            if (cells.Length < 3)
            {
                continue;
            }
            var first = cells[1].Trim();
            if (first.Length > 2 && first[0] == '`' && first[^1] == '`')
            {
                keys.Add(first[1..^1]);
            }
        }
        return keys;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rlvr.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Rlvr.Orleans.sln above {AppContext.BaseDirectory}");
    }
}
