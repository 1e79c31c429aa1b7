namespace Rlvr.Client;

/// <summary>
/// An error answer of the API (problem+json): the HTTP status, its title and detail, and the fields at fault with
/// their messages (for 400s).
/// </summary>
public sealed class RlvrApiException(int status, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(Describe(status, title, detail, errors))
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    private static string Describe(int status, string title, string? detail, IReadOnlyDictionary<string, string[]> errors) =>
        string.Join(Environment.NewLine,
            new[] { $"{status} {title}" + (string.IsNullOrEmpty(detail) ? "" : $": {detail}") }
                .Concat(errors.SelectMany(e => e.Value.Select(m => $"  {e.Key}: {m}"))));
}
