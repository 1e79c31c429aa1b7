using System.Text.RegularExpressions;

namespace Rlvr.Silo.Api;

/// <summary>The request fields that errors from below the API (configuration, parameter binding) are about.</summary>
internal static partial class ApiErrorFields
{
    /// <summary>
    /// A configuration error "path: problem" is about config.path; a YAML syntax error ("line 2, column 1: ...") or one
    /// about the root ("(root): ...") is about the configuration as a whole. <paramref name="field"/> is the request's
    /// field that holds the YAML (a sweep's errors are about its spec).
    /// </summary>
    public static (string Field, string Message) OfConfigError(string error, string field = "config")
    {
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && FieldPath().IsMatch(error[..colon]))
        {
            return (field + "." + error[..colon], error[(colon + 1)..].Trim());
        }
        const string root = "(root):";
        return (field, error.StartsWith(root, StringComparison.Ordinal) ? error[root.Length..].Trim() : error);
    }

    /// <summary>The parameter a failed binding names ('Failed to bind parameter "int? top" from "many".'), if any.</summary>
    public static string? OfBindingError(BadHttpRequestException exception) =>
        BoundParameter().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"parameter ""(?:[^""]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();
}
