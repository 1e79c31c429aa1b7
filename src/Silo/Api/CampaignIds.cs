using System.Text.RegularExpressions;

namespace Rlvr.Silo.Api;

/// <summary>
/// What a campaign id may be: it names a directory under the data directory and a checkpoint owner, so letters,
/// digits, '.', '_' and '-' only, starting with a letter or digit, at most 128 characters.
/// </summary>
public static partial class CampaignIds
{
    public const int MaxLength = 128;

    public static string Validate(string? id, string field = "id")
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ApiValidationException(field, "is required");
        }
        if (id.Length > MaxLength || !Pattern().IsMatch(id))
        {
            throw new ApiValidationException(field,
                $"'{(id.Length > 40 ? id[..40] + "..." : id)}' is not a campaign id: 1-{MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
