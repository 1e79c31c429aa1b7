using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// Requests the API refuses, as problem+json: an unknown campaign (404 on every per-campaign route), an invalid id,
/// malformed JSON or a wrong JSON type (400 naming the field), a configuration with errors (400 naming config.field), an
/// oversize body (413); none of them stores anything.
/// </summary>
[Collection(SharedApiSilo.Name)]
public sealed class ApiErrorTests(ApiSiloFixture fixture)
{
    public static TheoryData<string, string> PerCampaignRoutes() => new()
    {
        { "GET", "" },
        { "POST", "/start" },
        { "POST", "/pause" },
        { "POST", "/resume" },
        { "POST", "/stop" },
        { "GET", "/config" },
        { "GET", "/curriculum" },
        { "GET", "/curriculum?top=5&distribution=addition%2F1" },
        { "GET", "/curriculum/history" },
        { "GET", "/replay" },
        { "GET", "/metrics" },
        { "GET", "/metrics?format=csv" },
        { "GET", "/checkpoints" },
        { "GET", "/events" },
    };

    [Theory]
    [MemberData(nameof(PerCampaignRoutes))]
    public async Task AnUnknownCampaignIs404(string method, string route)
    {
        const string id = "never-created";
        using var http = fixture.Silo.CreateHttpClient();

        var problem = await Problem.Read(await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"api/v1/campaigns/{id}{route}")), HttpStatusCode.NotFound);

        Assert.Contains($"'{id}'", problem.Detail, StringComparison.Ordinal);
        // Asking about it (or acting on it) did not bring it into being.
        await Problem.Read(await http.GetAsync($"api/v1/campaigns/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await fixture.Client.ListCampaignsAsync(), c => c.Id == id);
    }

    [Theory]
    [MemberData(nameof(PerCampaignRoutes))]
    public async Task AnInvalidIdIs400NamingId(string method, string route)
    {
        using var http = fixture.Silo.CreateHttpClient();
        foreach (var id in new[] { "-dash-first", "with%20space", new string('a', 129) })
        {
            await Problem.ReadInvalid(await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"api/v1/campaigns/{id}{route}")), "id");
        }
    }

    [Theory]
    [InlineData("""{"id": "json-1", "config": """, "config")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "steps": }""", "steps")]
    [InlineData("""not json""", "$")]
    [InlineData("""{"id": 5, "config": "seed: 1"}""", "id")]
    [InlineData("""{"id": "json-1", "config": 42}""", "config")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "steps": "many"}""", "steps")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "steps": 1.5}""", "steps")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "start": "yes"}""", "start")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "datasetSha256": []}""", "datasetSha256")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""null""", "$")]
    [InlineData("""{"config": "seed: 1"}""", "id")]
    [InlineData("""{"id": "json-1"}""", "config")]
    [InlineData("""{"id": "json-1", "config": "   "}""", "config")]
    [InlineData("""{"id": "json-1", "config": "seed: 1", "steps": 0}""", "steps")]
    public async Task MalformedOrMistypedJsonIs400NamingTheFieldAndStoresNothing(string body, string field)
    {
        using var http = fixture.Silo.CreateHttpClient();
        var before = await Ids();

        var problem = await Problem.ReadInvalid(await Post(http, body), field);

        Assert.DoesNotContain("Rlvr.", string.Join(" ", problem.Errors.SelectMany(e => e.Value)), StringComparison.Ordinal);
        Assert.Equal(before, await Ids());
        await Problem.Read(await http.GetAsync("api/v1/campaigns/json-1"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string[]> InvalidConfigurations() => new()
    {
        // Each rule names its field; every error is reported at once.
        { ApiCampaigns.With("steps: 6", "steps: -3", ApiCampaigns.With("group_size: 4", "group_size: 0", ApiCampaigns.With("name: dump", "name: bogus"))),
            ["config.steps", "config.grpo.group_size", "config.strategy.name"] },
        { ApiCampaigns.With("replay:", "replays:"), ["config.replays"] },
        { ApiCampaigns.With("levels: [1, 2]", "levels: [1, 99]"), ["config.tasks.builtin[0].levels[1]"] },
        // YAML that does not parse, or is not a mapping: the configuration as a whole.
        { "seed: [1", ["config"] },
        { "- 1\n- 2\n", ["config"] },
        // Valid field by field, but a model the learner cannot build or that cannot hold a prompt and its answer.
        { ApiCampaigns.With("width: 32", "width: 30"), ["config.model.width"] },
        { ApiCampaigns.With("max_new_tokens: 8", "max_new_tokens: 64"), ["config.model.context"] },
        { ApiCampaigns.With("context: 32", "context: 4"), ["config.model.context"] },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public async Task AConfigurationWithErrorsIs400NamingEachFieldAndStoresNothing(string config, string[] fields)
    {
        const string id = "invalid-config";
        using var http = fixture.Silo.CreateHttpClient();
        var before = await Ids();

        using var response = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(id, config), ApiJson.Options);
        var problem = await Problem.Read(response, HttpStatusCode.BadRequest);

        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(problem.Errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
        Assert.Equal(before, await Ids());
        await Problem.Read(await http.GetAsync($"api/v1/campaigns/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Directory.GetDirectories(fixture.Silo.DataDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ADatasetWithBadLinesIs400ListingEveryLineUnderTheDatasetField()
    {
        const string good = """{"prompt": "1+1=", "answer": "2", "distribution": "d", "verifier": "numeric"}""";
        using var http = fixture.Silo.CreateHttpClient();

        using var response = await http.PostAsync("api/v1/datasets", Jsonl(
            good,
            """{"prompt": "2+2=", "distribution": "d", "verifier": "numeric"}""",
            "not json",
            """{"prompt": "1+1=", "answer": "3", "distribution": "d", "verifier": "numeric"}"""));
        var problem = await Problem.Read(response, HttpStatusCode.BadRequest);

        var lines = Assert.Single(problem.Errors, e => e.Key == "dataset").Value;
        Assert.Equal(3, lines.Length);
        Assert.Equal("dataset:2: field 'answer': missing", lines[0]);
        Assert.StartsWith("dataset:3: bad JSON", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("dataset:4: field 'answer': the same prompt and distribution as line 1", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadedDatasetIsNamedByItsContentsHashWithRepeatsMergedAndCountedOnce()
    {
        const string one = """{"prompt": "1+1=", "answer": "2", "distribution": "d", "verifier": "numeric"}""";
        const string two = """{"prompt": "2+2=", "answer": "4", "distribution": "d", "verifier": "numeric"}""";
        var content = Encoding.UTF8.GetBytes(string.Join("\n", one, two, one, one));

        var first = await fixture.Client.UploadDatasetAsync(content);
        var again = await fixture.Client.UploadDatasetAsync(content);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), first.Sha256);
        Assert.Equal(new DatasetInfo(first.Sha256, content.Length, Records: 2, MergedRepeats: 2), first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task DatasetUploadsHaveTheirOwnSizeLimit()
    {
        // Over the general body limit, within the datasets' one: stored.
        var lines = Enumerable.Range(0, 2000).Select(i =>
            $$"""{"prompt": "{{i}}+1=", "answer": "{{i + 1}}", "distribution": "d", "verifier": "numeric"}""").ToArray();
        var content = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        Assert.InRange(content.Length, ApiSiloFixture.MaxRequestBodyBytes + 1, ApiSiloFixture.MaxDatasetBytes);
        Assert.Equal(2000, (await fixture.Client.UploadDatasetAsync(content)).Records);

        using var http = fixture.Silo.CreateHttpClient();
        var oversize = Enumerable.Repeat(lines[0], (ApiSiloFixture.MaxDatasetBytes / lines[0].Length) + 10).ToArray();
        var problem = await Problem.Read(await http.PostAsync("api/v1/datasets", Jsonl(oversize)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(ApiSiloFixture.MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSiloReadsNoDatasetPathARequestNames()
    {
        // A valid dataset at an absolute path the silo could read: naming it is not enough, its content must be sent.
        var directory = Directory.CreateTempSubdirectory("rlvr-dataset-").FullName;
        try
        {
            var path = Path.Combine(directory, "d.jsonl");
            await File.WriteAllLinesAsync(path, Enumerable.Range(0, 40).Select(i =>
                $$"""{"prompt": "{{i}}+0=", "answer": "{{i}}", "distribution": "d", "verifier": "numeric"}"""));
            var config = ApiCampaigns.With(
                "  builtin:\n    - family: addition\n      levels: [1, 2]\n", $"  dataset: {path}\n",
                ApiCampaigns.With("  levels: [addition/1]", "  levels: [d]"));
            using var http = fixture.Silo.CreateHttpClient();

            var unsent = await Problem.Read(await http.PostAsJsonAsync(
                "api/v1/campaigns", new CreateCampaignRequest("path-only", config), ApiJson.Options), HttpStatusCode.BadRequest);
            Assert.Equal(
                [$"names '{path}', but its content was not sent with the campaign"],
                Assert.Single(unsent.Errors, e => e.Key == "config.tasks.dataset").Value);

            var unknown = new string('a', 64);
            var missing = await Problem.Read(await http.PostAsJsonAsync("api/v1/campaigns",
                new CreateCampaignRequest("unknown-hash", config, DatasetSha256: unknown), ApiJson.Options), HttpStatusCode.BadRequest);
            Assert.Equal([$"no dataset with SHA-256 {unknown} is stored"], Assert.Single(missing.Errors, e => e.Key == "config.tasks.dataset").Value);

            var malformed = await Problem.Read(await http.PostAsJsonAsync("api/v1/campaigns",
                new CreateCampaignRequest("bad-hash", config, DatasetSha256: "../../etc/passwd"), ApiJson.Options), HttpStatusCode.BadRequest);
            Assert.Contains("datasetSha256", malformed.Errors.Keys);
            foreach (var id in new[] { "path-only", "unknown-hash", "bad-hash" })
            {
                await Problem.Read(await http.GetAsync($"api/v1/campaigns/{id}"), HttpStatusCode.NotFound);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AnOversizeBodyIs413AndStoresNothing()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var before = await Ids();
        var oversize = Body("too-big", ApiCampaigns.Tiny + "\n# " + new string('x', ApiSiloFixture.MaxRequestBodyBytes) + "\n");

        // With a Content-Length, and chunked (the limit holds while the body streams in).
        var problem = await Problem.Read(await Post(http, oversize), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(ApiSiloFixture.MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(oversize)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/campaigns") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await Problem.Read(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await Ids());
        await Problem.Read(await http.GetAsync("api/v1/campaigns/too-big"), HttpStatusCode.NotFound);

        // Just under the limit is fine: the shared campaign again, padded with a comment (the same configuration).
        var underLimit = Body(ApiSiloFixture.Done, ApiCampaigns.Tiny + "\n# " + new string('x', ApiSiloFixture.MaxRequestBodyBytes - 4096) + "\n");
        using var accepted = await Post(http, underLimit);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIs415()
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var content = new StringContent(Body("text-body", ApiCampaigns.Tiny), Encoding.UTF8, "text/plain");
        await Problem.Read(await http.PostAsync("api/v1/campaigns", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnUnknownRouteIs404()
    {
        using var http = fixture.Silo.CreateHttpClient();
        await Problem.Read(await http.GetAsync("api/v1/nothing-here"), HttpStatusCode.NotFound);
        await Problem.Read(await http.GetAsync($"api/v1/campaigns/{ApiSiloFixture.Done}/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheTypedClientRaisesTheProblemsAsRlvrApiException()
    {
        var client = fixture.Client;

        var notFound = await Assert.ThrowsAsync<RlvrApiException>(() => client.GetCurriculumAsync("never-created"));
        Assert.Equal((404, "Not Found"), (notFound.Status, notFound.Title));
        Assert.Contains("never-created", notFound.Detail, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<RlvrApiException>(() =>
            client.CreateCampaignAsync(new CreateCampaignRequest("typed-invalid", ApiCampaigns.With("steps: 6", "steps: -3"))));
        Assert.Equal(400, invalid.Status);
        Assert.Equal(["config.steps"], invalid.Errors.Keys);
        Assert.Contains("config.steps", invalid.Message, StringComparison.Ordinal);

        var conflict = await Assert.ThrowsAsync<RlvrApiException>(() => client.ResumeAsync(ApiSiloFixture.Done));
        Assert.Equal(409, conflict.Status);

        var badId = await Assert.ThrowsAsync<RlvrApiException>(() => client.GetCampaignAsync("-dash-first"));
        Assert.Equal(["id"], badId.Errors.Keys);
    }

    private static string Body(string id, string config) => JsonSerializer.Serialize(new CreateCampaignRequest(id, config), ApiJson.Options);

    private static Task<HttpResponseMessage> Post(HttpClient http, string body) =>
        http.PostAsync("api/v1/campaigns", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<List<string>> Ids() => (await fixture.Client.ListCampaignsAsync()).Select(c => c.Id).ToList();

    private static ByteArrayContent Jsonl(params string[] lines) =>
        new(Encoding.UTF8.GetBytes(string.Join("\n", lines))) { Headers = { ContentType = new MediaTypeHeaderValue(ApiJson.DatasetMediaType) } };
}
