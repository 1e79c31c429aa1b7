using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// A sweep file: an optional id, the base campaign (a mapping), an optional step count for every campaign, how many
/// campaigns run at once, the reference arm, and the axes whose cartesian product makes the campaigns (see
/// <see cref="SweepPlan"/>). Read by <see cref="Parse"/>; <see cref="ToYaml"/> writes it back self-contained.
/// </summary>
public sealed record SweepSpec(
    string? Id, YamlMappingNode Base, int? Steps, int Concurrency, string? Reference, IReadOnlyList<SweepAxis> Axes)
{
    private static readonly string[] Keys = ["id", "base", "steps", "concurrency", "reference", "axes"];

    /// <summary>
    /// Reads a sweep; every problem is collected and thrown as one <see cref="SweepSpecException"/> naming the field
    /// and its line. File references (the base as a path, an axis value ending in .yaml or .yml) go to
    /// <paramref name="resolve"/>, which returns the file's mapping; without it (the API's case) they are errors.
    /// </summary>
    /// <param name="source">The file's name, for messages.</param>
    public static SweepSpec Parse(string yaml, string? source = null, Func<string, YamlMappingNode>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SweepSpecException([$"(root): YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"], source);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SweepSpecException(["(root): expected a mapping with base and axes"], source);
        }
        var reader = new Reader(resolve);
        var spec = reader.Read(root);
        return reader.Errors.Count > 0 ? throw new SweepSpecException(reader.Errors, source) : spec!;
    }

    /// <summary>The spec as one YAML text, files inlined: what the CLI sends and the sweep grain stores.</summary>
    public string ToYaml()
    {
        var root = new YamlMappingNode();
        if (Id is not null)
        {
            root.Add("id", Id);
        }
        root.Add("base", Base);
        if (Steps is { } steps)
        {
            root.Add("steps", steps.ToString(CultureInfo.InvariantCulture));
        }
        root.Add("concurrency", Concurrency.ToString(CultureInfo.InvariantCulture));
        if (Reference is not null)
        {
            root.Add("reference", Reference);
        }
        var axes = new YamlMappingNode();
        foreach (var axis in Axes)
        {
            axes.Add(axis.Name, axis.Listed
                ? new YamlSequenceNode(axis.Values.Select(v => v.Node))
                : new YamlMappingNode(axis.Values.Select(v => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(v.Label), v.Node))));
        }
        root.Add("axes", axes);
        return YamlText.Write(root);
    }

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private sealed class Reader(Func<string, YamlMappingNode>? resolve)
    {
        public List<string> Errors { get; } = [];

        public SweepSpec? Read(YamlMappingNode root)
        {
            string? id = null, reference = null;
            YamlMappingNode? baseNode = null;
            int? steps = null;
            var concurrency = 1;
            var axes = new List<SweepAxis>();
            foreach (var (keyNode, value) in root.Children)
            {
                var key = Scalar(keyNode) ?? "";
                switch (key)
                {
                    case "id":
                        id = Text(value, "id");
                        break;
                    case "reference":
                        reference = Text(value, "reference");
                        break;
                    case "steps":
                        steps = Positive(value, "steps");
                        break;
                    case "concurrency":
                        concurrency = Positive(value, "concurrency") ?? concurrency;
                        break;
                    case "base":
                        baseNode = Mapping(value, "base", alwaysFile: true);
                        break;
                    case "axes":
                        ReadAxes(value, axes);
                        break;
                    default:
                        Error(key, keyNode, $"unknown key; known: {string.Join(", ", Keys)}");
                        break;
                }
            }
            if (!root.Children.ContainsKey("base"))
            {
                Error("base", root, "is required: the base campaign's configuration (a file or a mapping)");
            }
            if (!root.Children.ContainsKey("axes"))
            {
                Error("axes", root, "is required: at least one axis (strategy fragments, seed, a configuration key)");
            }
            return baseNode is null ? null : new SweepSpec(id, baseNode, steps, concurrency, reference, axes);
        }

        private void ReadAxes(YamlNode node, List<SweepAxis> axes)
        {
            if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                Error("axes", node, "expected a mapping of axis names to their values");
                return;
            }
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var name = Scalar(keyNode) ?? "";
                var field = $"axes.{name}";
                var values = new List<SweepAxisValue>();
                if (valueNode is YamlSequenceNode sequence)
                {
                    foreach (var item in sequence.Children)
                    {
                        if (Scalar(item) is { Length: > 0 } text)
                        {
                            values.Add(new SweepAxisValue(text, item, IsFragment: false));
                        }
                        else
                        {
                            Error(field, item, "a listed value must be a plain value; name a mapping's values to sweep them");
                        }
                    }
                }
                else if (valueNode is YamlMappingNode named && name != SweepAxis.SeedName)
                {
                    foreach (var (labelNode, item) in named.Children)
                    {
                        var label = Scalar(labelNode) ?? "";
                        var reference = Scalar(item);
                        var fragment = item is YamlMappingNode || IsFile(reference);
                        if (fragment && Mapping(item, $"{field}.{label}", alwaysFile: false) is { } resolved)
                        {
                            values.Add(new SweepAxisValue(label, resolved, IsFragment: true));
                        }
                        else if (!fragment)
                        {
                            values.Add(new SweepAxisValue(label, item, IsFragment: false));
                        }
                    }
                }
                else
                {
                    Error(field, valueNode, name == SweepAxis.SeedName
                        ? "expected a list of seeds, e.g. [1, 2, 3]"
                        : "expected a list of values, or a mapping of names to values or configuration fragments");
                    continue;
                }
                if (values.Count == 0 && valueNode is YamlSequenceNode or YamlMappingNode { Children.Count: 0 })
                {
                    Error(field, valueNode, "has no values");
                }
                if (name == SweepAxis.SeedName)
                {
                    foreach (var seed in values.Where(v => !ulong.TryParse(v.Label, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    {
                        Error(field, seed.Node, $"a seed is a non-negative whole number, got '{seed.Label}'");
                    }
                }
                foreach (var repeated in values.GroupBy(v => v.Label, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    Error(field, repeated.Last().Node, $"the value '{repeated.Key}' is given twice");
                }
                axes.Add(new SweepAxis(name, values, Listed: valueNode is YamlSequenceNode));
            }
        }

        /// <summary>The mapping at <paramref name="field"/>: inline, or the file a scalar names.</summary>
        private YamlMappingNode? Mapping(YamlNode node, string field, bool alwaysFile)
        {
            if (node is YamlMappingNode mapping)
            {
                return mapping;
            }
            if (Scalar(node) is not { Length: > 0 } path || (!alwaysFile && !IsFile(path)))
            {
                Error(field, node, "expected a mapping, or the path of a YAML file");
                return null;
            }
            if (resolve is null)
            {
                Error(field, node, $"names the file '{path}': a sweep sent to the API is self-contained (`rlvr sweep create` inlines its files)");
                return null;
            }
            try
            {
                return resolve(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException or InvalidDataException)
            {
                Error(field, node, e.Message);
                return null;
            }
        }

        private string? Text(YamlNode node, string field)
        {
            if (Scalar(node) is { Length: > 0 } text)
            {
                return text;
            }
            Error(field, node, "expected a text value");
            return null;
        }

        private int? Positive(YamlNode node, string field)
        {
            if (int.TryParse(Scalar(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }
            Error(field, node, $"expected a positive whole number, got '{Scalar(node) ?? node.NodeType.ToString()}'");
            return null;
        }

        private void Error(string field, YamlNode at, string message) =>
            Errors.Add($"{field}: {message} (line {at.Start.Line})");

        private static bool IsFile(string? text) =>
            text is not null && (text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
    }
}
