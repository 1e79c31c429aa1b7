namespace Rlvr.Client;

/// <summary>
/// The server answered with something other than the API's JSON (a web page, an empty 404 of an unknown route): the
/// address names a page or another server rather than a silo's API root.
/// </summary>
/// <param name="answer">What came instead, e.g. "a web page (text/html)", "a 404 of a route the API does not have".</param>
public sealed class RlvrNotApiException(Uri requestUri, int status, string answer)
    : Exception($"{requestUri} answered {status}: {answer}, not the rlvr API")
{
    public Uri RequestUri { get; } = requestUri;

    public int Status { get; } = status;
}
