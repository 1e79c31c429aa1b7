using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Rlvr.Integration.Tests.Api;

/// <summary>/api/v1/openapi.json describes every route of the API with its query parameters.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class OpenApiDocumentTests(ApiSiloFixture fixture)
{
    /// <summary>
    /// The API of issues 6, 14 and 17 (sweeps), route by route: what the document must list, no more and no less, with the query
    /// parameters and the problem+json answers (400, 404, 409, 413, 503) of each.
    /// </summary>
    private static readonly (string Method, string Path, string[] Query, int[] Problems)[] Routes =
    [
        ("get", "/api/v1/status", [], []),
        ("get", "/api/v1/strategies", [], []),
        ("post", "/api/v1/datasets", [], [400, 413]),
        ("get", "/api/v1/campaigns", [], []),
        ("post", "/api/v1/campaigns", [], [400, 409, 413]),
        ("get", "/api/v1/campaigns/{id}", [], [400, 404]),
        ("delete", "/api/v1/campaigns/{id}", [], [400, 404, 409]),
        ("post", "/api/v1/campaigns/{id}/start", [], [400, 404, 409]),
        ("post", "/api/v1/campaigns/{id}/pause", [], [400, 404, 409]),
        ("post", "/api/v1/campaigns/{id}/resume", [], [400, 404, 409]),
        ("post", "/api/v1/campaigns/{id}/stop", [], [400, 404, 409]),
        ("get", "/api/v1/campaigns/{id}/config", [], [400, 404]),
        ("get", "/api/v1/campaigns/{id}/curriculum", ["top", "distribution", "order"], [400, 404, 409, 503]),
        ("get", "/api/v1/campaigns/{id}/curriculum/prompts/{promptId}", [], [400, 404, 409, 503]),
        ("get", "/api/v1/campaigns/{id}/curriculum/history", ["since"], [400, 404]),
        ("get", "/api/v1/campaigns/{id}/replay", [], [400, 404, 409, 503]),
        ("get", "/api/v1/campaigns/{id}/metrics", ["since", "format"], [400, 404]),
        ("get", "/api/v1/campaigns/{id}/checkpoints", [], [400, 404]),
        ("get", "/api/v1/campaigns/{id}/events", ["after"], [400, 404]),
        ("get", "/api/v1/sweeps", [], []),
        ("post", "/api/v1/sweeps", [], [400, 409, 413]),
        ("get", "/api/v1/sweeps/{id}", [], [400, 404]),
        ("post", "/api/v1/sweeps/{id}/stop", [], [400, 404]),
        ("post", "/api/v1/campaigns/{id}/trainer/tasks", [], [400, 404, 409]),
        ("post", "/api/v1/campaigns/{id}/trainer/leases/{leaseId}/groups", [], [400, 404, 409, 410]),
        ("post", "/api/v1/campaigns/{id}/trainer/leases/{leaseId}/evaluation", [], [400, 404, 409, 410]),
        ("post", "/api/v1/campaigns/{id}/trainer/updates", [], [400, 404, 409]),
        ("get", "/api/v1/campaigns/{id}/trainer/weights/{version}", ["whole"], [400, 404, 409, 503]),
        ("get", "/api/v1/campaigns/{id}/trainer/weights/chunks/{blob}/{sha256}", [], [400, 404, 409]),
    ];

    [Fact]
    public async Task TheDocumentListsEveryRouteWithItsParameters()
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var response = await http.GetAsync("api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (Method: o.Name, Path: path.Name, Operation: o.Value)))
            .ToList();
        Assert.Equal(
            Routes.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal),
            operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));

        foreach (var (method, path, query, problems) in Routes)
        {
            var operation = operations.Single(o => o.Method == method && o.Path == path).Operation;
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()), $"{method} {path} has no operationId");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path}");
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            Assert.Equal(
                query.Order(StringComparer.Ordinal),
                parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(
                path.Contains("{id}", StringComparison.Ordinal),
                parameters.Any(x => x.GetProperty("in").GetString() == "path" && x.GetProperty("name").GetString() == "id"));
            AssertProblems($"{method} {path}", operation.GetProperty("responses"), problems);
        }
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        // The create body is the request contract.
        var create = operations.Single(o => o.Method == "post" && o.Path == "/api/v1/campaigns").Operation;
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        // Metrics come as JSON or, with format=csv, as CSV.
        var metrics = operations.Single(o => o.Path == "/api/v1/campaigns/{id}/metrics").Operation;
        var metricsOk = metrics.GetProperty("responses").GetProperty("200");
        Assert.Equal(
            ["application/json", "text/csv"],
            metricsOk.GetProperty("content").EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithoutATokenTheBearerSchemeIsDeclaredAndOptional()
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/v1/openapi.json"));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        // The bearer, or nothing: a silo without a token ignores the header.
        Assert.Equal(["bearer", ""], root.GetProperty("security").EnumerateArray()
            .Select(requirement => string.Join(",", requirement.EnumerateObject().Select(s => s.Name))));
        var operations = root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject());
        Assert.DoesNotContain(operations, o => o.Value.GetProperty("responses").TryGetProperty("401", out _));
        Assert.All(root.GetProperty("servers").EnumerateArray(),
            server => Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), $"server URL {server}"));
    }

    [Fact]
    public async Task TheDocumentPassesTheRedoclyLinter()
    {
        using var http = fixture.Silo.CreateHttpClient();

        var problems = await RedoclyLinter.LintAsync(await http.GetStringAsync("api/v1/openapi.json"));

        Assert.True(!problems.Any(p => p.IsError), string.Join("\n", problems));
    }

    /// <summary>
    /// The 4xx and 5xx answers of <paramref name="responses"/> are <paramref name="expected"/>, each problem+json
    /// with a schema and a description; a 503 says when to ask again.
    /// </summary>
    private static void AssertProblems(string operation, JsonElement responses, IEnumerable<int> expected)
    {
        var problems = responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
        Assert.Equal(
            expected.Select(status => status.ToString(CultureInfo.InvariantCulture)),
            problems.Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var (status, problem) in problems.Select(r => (r.Name, r.Value)))
        {
            var description = $"{operation} {status}: {problem}";
            var content = problem.GetProperty("content");
            Assert.True(content.TryGetProperty("application/problem+json", out var body), description);
            Assert.True(body.TryGetProperty("schema", out _), description);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("description").GetString()), description);
            var headers = problem.TryGetProperty("headers", out var h) ? h.EnumerateObject().Select(x => x.Name) : [];
            Assert.True(status != "503" || headers.Contains("Retry-After"), description);
        }
    }
}
