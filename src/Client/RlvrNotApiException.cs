namespace Rlvr.Client;

/// <summary>
/// The server answered with something other than the API's JSON (a web page, an empty 404 of an unknown route): the
/// address names a page or another server rather than a silo's API root.
/// </summary>
public sealed class RlvrNotApiException(Uri requestUri, int status, string? mediaType)
    : Exception($"{requestUri} answered {status} with {mediaType ?? "no body"}, not the rlvr API's JSON")
{
    public Uri RequestUri { get; } = requestUri;

    public int Status { get; } = status;

    public string? MediaType { get; } = mediaType;
}
