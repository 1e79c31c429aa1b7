using System.Text.Json;

namespace Rlvr.Training.Tasks;

/// <summary>
/// A dataset line that is not JSON, said in the user's terms (what is missing, at which column) rather than in the
/// parser's ("expected depth to be zero", "BytePositionInLine").
/// </summary>
internal static class JsonLineError
{
    public static string Describe(JsonException error, string line)
    {
        var column = (error.BytePositionInLine ?? 0) + 1;
        var message = error.Message;
        var what =
            column > System.Text.Encoding.UTF8.GetByteCount(line.TrimEnd()) ? "the line ends before its object is closed"
            : message.Contains("trailing comma", StringComparison.Ordinal) ? "a trailing comma (JSON allows none)"
            : message.Contains("start of a property name", StringComparison.Ordinal) ? "expected a field name in double quotes"
            : message.Contains("after a property name", StringComparison.Ordinal) ? "expected ':' after the field name"
            : message.Contains("after a value", StringComparison.Ordinal) ? "expected ',' or the closing bracket after a value"
            : message.Contains("depth to be zero", StringComparison.Ordinal) || message.Contains("end of data", StringComparison.Ordinal)
                ? "the line ends before its object is closed"
            : message.Contains("start of a value", StringComparison.Ordinal) ? "expected a value (a string in double quotes, a number, true, false, null, an object or an array)"
            : message.Contains("within a string", StringComparison.Ordinal) || message.Contains("escap", StringComparison.Ordinal)
                ? "a string with a character JSON does not allow unescaped (a tab, a newline or a stray backslash)"
            : message.Contains("contains no data", StringComparison.Ordinal) || message.Contains("empty", StringComparison.OrdinalIgnoreCase)
                ? "the line holds no JSON"
            : "not valid JSON";
        return $"bad JSON: {what} (column {column})";
    }
}
