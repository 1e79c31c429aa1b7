namespace Rlvr.Silo.Api;

/// <summary>A request the API refuses before anything is touched: 400 with the fields at fault and their messages.</summary>
public sealed class ApiValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public ApiValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
