using System.Globalization;

namespace Rlvr.Training.Verifiers;

/// <summary>Parses plain decimal numbers: optional sign, digits (leading zeros allowed), optional fraction.</summary>
internal static class NumberParser
{
    private const NumberStyles Style =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
}
