using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Configuration;

/// <summary>
/// Binds a YAML mapping onto a configuration class: snake_case keys to properties, scalars parsed with the
/// invariant culture, lists and nested classes recursively. Unknown keys and unparsable values become
/// errors naming their path (e.g. "grpo.clip_hgh"); values not given keep the class's defaults.
/// </summary>
internal static class YamlBinder
{
    public static void Bind(object target, YamlMappingNode mapping, string path, List<string> errors)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => KeyOf(p.Name), StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var keyPath = Join(path, key);
            if (!properties.TryGetValue(key, out var property))
            {
                if (target is IConfigSections sections && sections.Section(key) is { } section)
                {
                    TryConvert(section.GetType(), section, valueNode, keyPath, errors, out _);
                    continue;
                }
                var known = target is IConfigSections named ? properties.Keys.Concat(named.SectionKeys) : properties.Keys;
                errors.Add($"{keyPath}: unknown key; known: {string.Join(", ", known)}");
                continue;
            }
            if (TryConvert(property.PropertyType, property.GetValue(target), valueNode, keyPath, errors, out var value))
            {
                property.SetValue(target, value);
            }
        }
    }

    public static string KeyOf(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    private static bool TryConvert(Type type, object? current, YamlNode node, string path, List<string> errors, out object? value)
    {
        value = null;
        if (type == typeof(string))
        {
            if (node is YamlScalarNode { Value: var text } scalarText)
            {
                value = IsNull(scalarText) ? null : text;
                return true;
            }
            errors.Add($"{path}: expected a text value");
            return false;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (node is not YamlSequenceNode sequence)
            {
                errors.Add($"{path}: expected a list");
                return false;
            }
            var elementType = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            var ok = true;
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (TryConvert(elementType, null, sequence.Children[i], $"{path}[{i}]", errors, out var element))
                {
                    list.Add(element);
                }
                else
                {
                    ok = false;
                }
            }
            value = list;
            return ok;
        }
        if (type.IsClass)
        {
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"{path}: expected a mapping of keys to values");
                return false;
            }
            var target = current ?? Activator.CreateInstance(type)!;
            Bind(target, mapping, path, errors);
            value = target;
            return true;
        }
        if (node is not YamlScalarNode scalar || IsNull(scalar))
        {
            errors.Add($"{path}: expected a {Describe(type)}");
            return false;
        }
        var raw = scalar.Value!;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var parsed = ParseScalar(type, raw);
        if (parsed is null)
        {
            errors.Add($"{path}: expected a {Describe(type)}, got '{raw}'");
            return false;
        }
        value = parsed;
        return true;
    }

    private static object? ParseScalar(Type type, string raw)
    {
        var culture = CultureInfo.InvariantCulture;
        if (type == typeof(int))
        {
            return int.TryParse(raw, NumberStyles.Integer, culture, out var v) ? v : null;
        }
        if (type == typeof(ulong))
        {
            return ulong.TryParse(raw, NumberStyles.None, culture, out var v) ? v : null;
        }
        if (type == typeof(double))
        {
            return double.TryParse(raw, NumberStyles.Float, culture, out var v) && double.IsFinite(v) ? v : null;
        }
        if (type == typeof(bool))
        {
            return raw switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => null,
            };
        }
        throw new NotSupportedException($"configuration properties of type {type.Name} are not supported.");
    }

    private static string Describe(Type type) =>
        type == typeof(int) ? "whole number" :
        type == typeof(ulong) ? "non-negative whole number" :
        type == typeof(double) ? "number" :
        type == typeof(bool) ? "true or false" : type.Name;

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
