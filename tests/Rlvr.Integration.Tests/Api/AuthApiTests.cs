using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// The bearer token: a silo exposed beyond loopback refuses to start without one; with one, every /api request needs
/// "Authorization: Bearer &lt;token&gt;" (401 with WWW-Authenticate: Bearer otherwise), from a raw client or the typed one.
/// </summary>
public sealed class AuthApiTests(TokenSiloFixture fixture) : IClassFixture<TokenSiloFixture>
{
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "api/v1/status" },
        { "GET", "api/v1/campaigns" },
        { "POST", "api/v1/campaigns" },
        { "GET", "api/v1/campaigns/never-created" },
        { "POST", "api/v1/campaigns/never-created/stop" },
        { "GET", "api/v1/campaigns/never-created/events" },
        { "GET", "api/v1/openapi.json" },
        { "GET", "metrics" },
    };

    [Theory]
    [InlineData("http://0.0.0.0:0", null)]
    [InlineData("http://[::]:0", null)]
    [InlineData("http://127.0.0.1:0;http://*:0", "   ")]
    public async Task ASiloBeyondLoopbackWithoutATokenRefusesToStart(string listen, string? token)
    {
        var data = Path.Combine(fixture.Root, "refused-" + Guid.NewGuid().ToString("N"));
        var environment = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["RLVR_Api__Token"] = token };
        using var silo = SiloProcess.Launch(data, listen, environment);

        var exit = await silo.WaitForExit(SiloProcess.StartTimeout);

        Assert.NotEqual(0, exit);
        Assert.Contains("Api:Token", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("silo up", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task WithoutTheTokenEveryRouteIs401(string method, string route)
    {
        using var http = fixture.Silo.CreateHttpClient();
        await AssertUnauthorized(await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), route)));
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer s3cret-token-for-test")]
    [InlineData("Bearer s3cret-token-for-tests2")]
    [InlineData("Bearer ")]
    [InlineData("Basic czNjcmV0LXRva2VuLWZvci10ZXN0cw==")]
    [InlineData("s3cret-token-for-tests")]
    public async Task AWrongTokenIs401(string authorization)
    {
        using var http = fixture.Silo.CreateHttpClient();
        foreach (var route in new[] { "api/v1/status", "api/v1/campaigns", "api/v1/openapi.json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            await AssertUnauthorized(await http.SendAsync(request));
        }
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    public async Task TheRightTokenIs200(string scheme)
    {
        using var http = fixture.Silo.CreateHttpClient();
        foreach (var route in new[] { "api/v1/status", "api/v1/campaigns", "api/v1/openapi.json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, TokenSiloFixture.Token);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        // Past the token, the API answers as it would without one.
        using var authorized = fixture.Silo.CreateHttpClient(TokenSiloFixture.Token);
        await Problem.Read(await authorized.GetAsync("api/v1/campaigns/never-created"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheTypedClientSendsItsToken()
    {
        using (var anonymous = fixture.Silo.CreateClient())
        {
            var refused = await Assert.ThrowsAsync<RlvrApiException>(() => anonymous.GetStatusAsync());
            Assert.Equal(401, refused.Status);
        }
        using (var wrong = fixture.Silo.CreateClient("not-the-token"))
        {
            var refused = await Assert.ThrowsAsync<RlvrApiException>(() => wrong.ListCampaignsAsync());
            Assert.Equal(401, refused.Status);
        }
        using var client = fixture.Silo.CreateClient(TokenSiloFixture.Token);
        Assert.Equal("local", (await client.GetStatusAsync()).Silo);
        Assert.Empty(await client.ListCampaignsAsync());
        // The event stream too: an unknown campaign is a 404, not a 401.
        var notFound = await Assert.ThrowsAsync<RlvrApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync("never-created"))
            {
            }
        });
        Assert.Equal(404, notFound.Status);
    }

    [Fact]
    public async Task TheOpenApiDocumentRequiresTheTokenAndPassesTheRedoclyLinter()
    {
        using var http = fixture.Silo.CreateHttpClient(TokenSiloFixture.Token);
        var json = await http.GetStringAsync("api/v1/openapi.json");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        // The bearer and nothing else; every route may answer 401, as problem+json with WWW-Authenticate.
        var requirement = Assert.Single(root.GetProperty("security").EnumerateArray());
        Assert.Equal("bearer", Assert.Single(requirement.EnumerateObject()).Name);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("401", out var unauthorized), $"{operation.Name} {path.Name}");
                Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _));
                Assert.True(unauthorized.GetProperty("headers").TryGetProperty("WWW-Authenticate", out _));
            }
        }
        var problems = await RedoclyLinter.LintAsync(json);
        Assert.True(!problems.Any(p => p.IsError), string.Join("\n", problems));
    }

    private static async Task AssertUnauthorized(HttpResponseMessage response)
    {
        var problem = await Problem.Read(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        // It says what is missing without echoing anything about the token.
        Assert.Contains("Bearer", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(Regex.Escape(TokenSiloFixture.Token), problem.Detail ?? "");
    }
}
