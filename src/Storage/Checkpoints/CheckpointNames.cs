namespace Rlvr.Storage.Checkpoints;

/// <summary>Owner and blob names become path segments and keys: letters, digits, '.', '_' and '-' only, not starting with '.'.</summary>
internal static class CheckpointNames
{
    public static string Validate(string value, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, what);
        if (value.Length > 200 || value[0] == '.' || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"checkpoint {what} '{value}' must be 1-200 of [A-Za-z0-9._-], not starting with '.'.", what);
        }
        return value;
    }
}
