using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Rlvr.Silo.Api;

/// <summary>The request fields that errors from below the API (parameter binding) are about.</summary>
internal static partial class ApiErrorFields
{
    /// <summary>The parameter a failed binding names ('Failed to bind parameter "int? top" from "many".'), if any.</summary>
    public static string? OfBindingError(BadHttpRequestException exception) =>
        BoundParameter().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"parameter ""(?:[^""]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();
}
