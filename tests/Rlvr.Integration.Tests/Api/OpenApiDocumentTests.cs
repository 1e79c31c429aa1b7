using System.Net;
using System.Text.Json;

namespace Rlvr.Integration.Tests.Api;

/// <summary>/api/v1/openapi.json describes every route of the API with its query parameters.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class OpenApiDocumentTests(ApiSiloFixture fixture)
{
    /// <summary>The API of issue 6, route by route: what the document must list, no more and no less.</summary>
    private static readonly (string Method, string Path, string[] Query)[] Routes =
    [
        ("get", "/api/v1/status", []),
        ("get", "/api/v1/campaigns", []),
        ("post", "/api/v1/campaigns", []),
        ("get", "/api/v1/campaigns/{id}", []),
        ("post", "/api/v1/campaigns/{id}/start", []),
        ("post", "/api/v1/campaigns/{id}/pause", []),
        ("post", "/api/v1/campaigns/{id}/resume", []),
        ("post", "/api/v1/campaigns/{id}/stop", []),
        ("get", "/api/v1/campaigns/{id}/curriculum", ["top", "distribution"]),
        ("get", "/api/v1/campaigns/{id}/curriculum/history", ["since"]),
        ("get", "/api/v1/campaigns/{id}/replay", []),
        ("get", "/api/v1/campaigns/{id}/metrics", ["since", "format"]),
        ("get", "/api/v1/campaigns/{id}/checkpoints", []),
        ("get", "/api/v1/campaigns/{id}/events", ["after"]),
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

        foreach (var (method, path, query) in Routes)
        {
            var operation = operations.Single(o => o.Method == method && o.Path == path).Operation;
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()), $"{method} {path} has no operationId");
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            Assert.Equal(
                query.Order(StringComparer.Ordinal),
                parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(
                path.Contains("{id}", StringComparison.Ordinal),
                parameters.Any(x => x.GetProperty("in").GetString() == "path" && x.GetProperty("name").GetString() == "id"));
        }
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        // The create body is the request contract.
        var create = operations.Single(o => o.Method == "post" && o.Path == "/api/v1/campaigns").Operation;
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }
}
