using System.Text;

namespace Rlvr.Integration.Tests.Api;

/// <summary>One message of a text/event-stream as the wire has it.</summary>
internal sealed record ServerSentEvent(string? Id, string Type, string Data);

/// <summary>Reads an event stream with a plain HttpClient (not the typed client's reader, which is under test elsewhere).</summary>
internal static class ServerSentEvents
{
    /// <summary>Every message until the server ends the stream; fails if it has not ended within <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> ReadToEnd(HttpClient http, string path, string? lastEventId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation.Token), Encoding.UTF8);
        var events = new List<ServerSentEvent>();
        string? id = null, type = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(cancellation.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        events.Add(new ServerSentEvent(id, type ?? "message", data.ToString()));
                    }
                    (id, type) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith("id:", StringComparison.Ordinal))
                {
                    id = line[3..].TrimStart();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line[6..].TrimStart();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart());
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"the event stream {path} did not end within {timeout}; received {events.Count} events: " +
                string.Join(", ", events.Select(e => $"{e.Type}:{e.Id}")));
        }
        return events;
    }
}
