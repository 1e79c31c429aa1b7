using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Sweeps;

/// <summary>YAML trees of sweeps: written back as text, deep-copied, merged and set by dotted path.</summary>
internal static class YamlText
{
    public static string Write(YamlNode root)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static YamlNode Copy(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new YamlMappingNode(mapping.Children.Select(
            c => new KeyValuePair<YamlNode, YamlNode>(Copy(c.Key), Copy(c.Value)))),
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(Copy)),
        YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag },
        _ => throw new NotSupportedException($"YAML node {node.NodeType} is not supported in a sweep."),
    };

    /// <summary>
    /// Merges <paramref name="fragment"/> into <paramref name="target"/>: mappings key by key, recursively; anything
    /// else (a value, a list) replaces what the target had.
    /// </summary>
    public static void Merge(YamlMappingNode target, YamlMappingNode fragment)
    {
        foreach (var (key, value) in fragment.Children)
        {
            if (target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode inner && value is YamlMappingNode more)
            {
                Merge(inner, more);
            }
            else
            {
                target.Children[Copy(key)] = Copy(value);
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="value"/> at the dotted <paramref name="path"/> (grpo.lr), making the mappings on the way;
    /// null when set, else the key on the way that holds something other than a mapping.
    /// </summary>
    public static string? Set(YamlMappingNode root, string path, YamlNode value)
    {
        var keys = path.Split('.');
        var mapping = root;
        for (var i = 0; i < keys.Length - 1; i++)
        {
            if (!mapping.Children.TryGetValue(keys[i], out var next))
            {
                next = new YamlMappingNode();
                mapping.Children[keys[i]] = next;
            }
            if (next is not YamlMappingNode inner)
            {
                return string.Join('.', keys[..(i + 1)]);
            }
            mapping = inner;
        }
        mapping.Children[keys[^1]] = Copy(value);
        return null;
    }
}
