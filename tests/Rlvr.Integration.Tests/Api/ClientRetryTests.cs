using System.Net;
using System.Net.Sockets;
using System.Text;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// The typed client's retries: transient answers (408, 429, 502, 503, 504) and connection failures are retried with a
/// fresh request each time, others are not; a call made before the silo listens succeeds once it is up.
/// </summary>
public sealed class ClientRetryTests
{
    private static readonly Uri Server = new("http://silo.test/");

    [Fact]
    public async Task TwoUnavailableAnswersThenOkSucceedsOnTheThirdAttempt()
    {
        var handler = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var client = new RlvrClient(new HttpClient(handler) { BaseAddress = Server });

        var status = await client.GetStatusAsync();

        Assert.Equal("scripted", status.Silo);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("/api/v1/status", r.Path));
    }

    [Fact]
    public async Task EveryAttemptOfAPostCarriesTheWholeBody()
    {
        var handler = new ScriptedHandler(HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created);
        using var client = new RlvrClient(new HttpClient(handler) { BaseAddress = Server });

        var created = await client.CreateCampaignAsync(new CreateCampaignRequest("retried", "seed: 1\n", Steps: 7));

        Assert.Equal("retried", created.Id);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(("POST", "/api/v1/campaigns"), (r.Method, r.Path));
            Assert.Equal(handler.Requests[0].Body, r.Body);
        });
        Assert.Contains("\"steps\":7", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ATransientAnswerIsRetriedUntilTheRetriesRunOut(HttpStatusCode transient)
    {
        var handler = new ScriptedHandler(Enumerable.Repeat(transient, 10).ToArray());
        using var client = new RlvrClient(new HttpClient(handler) { BaseAddress = Server }, maxRetries: 2);

        var error = await Assert.ThrowsAsync<RlvrApiException>(() => client.ListCampaignsAsync());

        Assert.Equal((int)transient, error.Status);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task AnAnswerThatIsNotTransientIsNotRetried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler(status, HttpStatusCode.OK);
        using var client = new RlvrClient(new HttpClient(handler) { BaseAddress = Server });

        var error = await Assert.ThrowsAsync<RlvrApiException>(() => client.StopAsync("some-campaign"));

        Assert.Equal((int)status, error.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AFailedConnectionIsRetried()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK) { FailFirst = 2 };
        using var client = new RlvrClient(new HttpClient(handler) { BaseAddress = Server });

        Assert.Equal("scripted", (await client.GetStatusAsync()).Silo);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task ACallMadeBeforeTheSiloListensSucceedsOnceItIsUp()
    {
        var root = Path.Combine(Path.GetTempPath(), "rlvr-api-retry-" + Guid.NewGuid().ToString("N"));
        try
        {
            var port = FreePort.Next();
            var network = new RefusalCountingHandler();
            // Backoff from 200 ms doubling: 10 retries wait ~3.4 min in all, longer than a silo may take to start
            // (SiloProcess.StartTimeout), so the retries cannot run out before it listens.
            using var http = new HttpClient(network)
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
                Timeout = Timeout.InfiniteTimeSpan,
            };
            using var client = new RlvrClient(http, maxRetries: 10);
            var calledAt = DateTimeOffset.UtcNow;
            var call = client.GetStatusAsync();
            // Two refused connections: the call has retried one and still waits, rather than failing.
            var first = await Task.WhenAny(network.RefusedTwice, call).WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(first == network.RefusedTwice,
                call.IsFaulted ? call.Exception!.ToString() : "the call finished before any silo was started");

            using var silo = await SiloProcess.Start(Path.Combine(root, "data"), $"http://127.0.0.1:{port}");
            var status = await call.WaitAsync(TimeSpan.FromMinutes(2));

            // The answer came from the silo started after the call was made.
            Assert.True(status.StartedUtc > calledAt, $"started {status.StartedUtc:O}, called {calledAt:O}");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed record Request(string Method, string Path, string? Body);

    /// <summary>Sends over the network, counting the connections refused.</summary>
    private sealed class RefusalCountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly TaskCompletionSource _refusedTwice = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _refused;

        /// <summary>Completes when the second connection has been refused.</summary>
        public Task RefusedTwice => _refusedTwice.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                if (Interlocked.Increment(ref _refused) == 2)
                {
                    _refusedTwice.SetResult();
                }
                throw;
            }
        }
    }

    /// <summary>Answers with the given statuses in turn (the last one from then on), recording every request; can fail the first connections.</summary>
    private sealed class ScriptedHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<Request> Requests { get; } = [];

        public int FailFirst { get; init; }

        public int Attempts { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Attempts <= FailFirst)
            {
                throw new HttpRequestException("Connection refused (silo.test:80)", new SocketException((int)SocketError.ConnectionRefused));
            }
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new Request(request.Method.Method, request.RequestUri!.AbsolutePath, body));
            var status = statuses[Math.Min(Requests.Count - 1, statuses.Length - 1)];
            var response = new HttpResponseMessage(status) { RequestMessage = request };
            response.Content = (int)status < 400
                ? new StringContent(SuccessBody(request.RequestUri.AbsolutePath), Encoding.UTF8, "application/json")
                : new StringContent($$"""{"status":{{(int)status}},"title":"scripted {{(int)status}}","detail":"scripted"}""", Encoding.UTF8, "application/problem+json");
            return response;
        }

        private static string SuccessBody(string path) => path switch
        {
            "/api/v1/status" => """{"silo":"scripted","version":"1.0.0","startedUtc":"2026-01-01T00:00:00+00:00","campaigns":{}}""",
            "/api/v1/campaigns" => """{"id":"retried","status":"Creating","step":0,"steps":7,"policyVersion":0,"configHash":null,"error":null,"latest":null,"evaluations":[]}""",
            _ => "{}",
        };
    }
}
