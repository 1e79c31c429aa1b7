using System.Net;
using System.Text.Json;

namespace Rlvr.Integration.Tests.Api;

/// <summary>An error answer of the API as the wire has it: application/problem+json with status, title, detail and, for 400s, errors by field.</summary>
internal sealed record Problem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Reads <paramref name="response"/>, which must have status <paramref name="expected"/> and a problem+json body saying the same.</summary>
    public static async Task<Problem> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{response.RequestMessage?.RequestUri}: content type {response.Content.Headers.ContentType}, body '{body}'");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var errors = root.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal);
        var problem = new Problem(
            root.GetProperty("status").GetInt32(),
            root.TryGetProperty("title", out var title) ? title.GetString() : null,
            root.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            errors);
        Assert.Equal((int)expected, problem.Status);
        return problem;
    }

    /// <summary>A 400 whose errors name <paramref name="field"/> (and whose message for it is not empty).</summary>
    public static async Task<Problem> ReadInvalid(HttpResponseMessage response, string field)
    {
        var problem = await Read(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.TryGetValue(field, out var messages) && messages.Length > 0 && messages.All(m => m.Length > 0),
            $"the 400 names [{string.Join(", ", problem.Errors.Keys)}], not '{field}': {problem.Detail}");
        return problem;
    }
}
