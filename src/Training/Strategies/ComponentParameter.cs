using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Rlvr.Training.Strategies;

/// <summary>A parameter of a registered component as a campaign file writes it: its key, type, default and meaning.</summary>
public sealed record ComponentParameter(string Key, string Type, string Default, string Description)
{
    /// <summary>
    /// The parameters of an options class: its public settable properties under <paramref name="prefix"/> (snake_case,
    /// as the YAML binder names them), each with its default and its <see cref="DescriptionAttribute"/>.
    /// </summary>
    public static IReadOnlyList<ComponentParameter> Of(Type optionsType, string prefix, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        var defaults = Activator.CreateInstance(optionsType);
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (only is null || only.Contains(p.Name)))
            .Select(p => new ComponentParameter(
                $"{prefix}.{JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)}",
                TypeName(p.PropertyType),
                Convert.ToString(p.GetValue(defaults), CultureInfo.InvariantCulture) ?? "",
                p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? ""))
            .ToList();
    }

    private static string TypeName(Type type) =>
        type == typeof(int) ? "integer" :
        type == typeof(double) ? "number" :
        type == typeof(bool) ? "boolean" :
        type == typeof(string) ? "text" : type.Name;
}
