using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Configuration;

/// <summary>
/// Writes a configuration back as YAML with every key the binder knows, defaults included (every strategy's block too),
/// so that a reader sees what a campaign runs with. It is the inverse of <see cref="YamlBinder"/>: parsing the text
/// gives the same configuration, and so the same <see cref="ConfigHash"/>. A null value is left out, as the file that
/// left it out had it.
/// </summary>
public static class CampaignConfigYaml
{
    public static string Write(CampaignConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stream = new YamlStream(new YamlDocument(Mapping(config)));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(text, assignAnchors: false);
        // The emitter ends a document with "...": a single document needs no end marker.
        return text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static YamlMappingNode Mapping(object target)
    {
        var mapping = new YamlMappingNode();
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.CanRead))
        {
            if (Node(property.GetValue(target)) is { } node)
            {
                mapping.Add(YamlBinder.KeyOf(property.Name), node);
            }
        }
        if (target is IConfigSections sections)
        {
            foreach (var key in sections.SectionKeys)
            {
                mapping.Add(key, Mapping(sections.Section(key)!));
            }
        }
        return mapping;
    }

    private static YamlNode? Node(object? value) => value switch
    {
        null => null,
        // Quoted, so that a name such as "null" or "3" stays text.
        string text => new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted },
        bool flag => new YamlScalarNode(flag ? "true" : "false"),
        double number => new YamlScalarNode(number.ToString("R", CultureInfo.InvariantCulture)),
        int or long or ulong => new YamlScalarNode(Convert.ToString(value, CultureInfo.InvariantCulture)),
        IList list => Sequence(list),
        _ when value.GetType().IsClass => Mapping(value),
        _ => throw new NotSupportedException($"configuration properties of type {value.GetType().Name} are not supported."),
    };

    /// <summary>A list of scalars on one line ([1, 2, 3]); a list of blocks, one per item.</summary>
    private static YamlSequenceNode Sequence(IList list)
    {
        var sequence = new YamlSequenceNode(list.Cast<object?>().Select(Node).OfType<YamlNode>());
        if (sequence.Children.All(c => c is YamlScalarNode))
        {
            sequence.Style = SequenceStyle.Flow;
        }
        return sequence;
    }
}
