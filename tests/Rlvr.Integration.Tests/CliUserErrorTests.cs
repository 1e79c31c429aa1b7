using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// User errors in every `rlvr` command end it with exit code 2 and a message naming what is wrong, never a stack
/// trace; an unreachable silo is exit 1 with the same courtesy. Client commands run against the shared API silo,
/// whose campaign <see cref="ApiSiloFixture.Done"/> has completed.
/// </summary>
[Collection(SharedApiSilo.Name)]
public sealed class CliUserErrorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly ApiSiloFixture _fixture;
    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-cli-").FullName;

    public CliUserErrorTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
        File.WriteAllLines(Path.Combine(_root, "bad.jsonl"),
        [
            """{"prompt": "1+1=", "answer": "2", "distribution": "d", "verifier": "numeric"}""",
            """{"prompt": "2+2=", "answer": "four", "distribution": "d", "verifier": "numeric"}""",
            """{"prompt": "3+3=", "answer": "6", "distribution": "d", "verifier": "guess"}""",
        ]);
        File.WriteAllText(Path.Combine(_root, "bad-dataset.yaml"), ResumeCampaign.Yaml.Replace(
            "  builtin:\n    - family: addition\n      levels: [1, 2]\n", "  dataset: bad.jsonl\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_root, "good.yaml"), ResumeCampaign.Yaml);
        File.WriteAllText(Path.Combine(_root, "bad-sweep.yaml"), "base: good.yaml\naxes:\n  seed: [1, x]\n");
        File.WriteAllText(Path.Combine(_root, "missing-fragment-sweep.yaml"), "base: good.yaml\naxes:\n  strategy: {dump: strategies/dump.yaml}\n");
        File.WriteAllText(Path.Combine(_root, "bad-arm-sweep.yaml"), "base: good.yaml\naxes:\n  grpo.lr: [0.001, -1]\n");
        File.WriteAllText(Path.Combine(_root, "bad-config.yaml"), ResumeCampaign.Yaml.Replace("steps: 6\n", "steps: 0\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_root, "missing-dataset.yaml"), ResumeCampaign.Yaml.Replace(
            "  builtin:\n    - family: addition\n      levels: [1, 2]\n", "  dataset: nowhere.jsonl\n", StringComparison.Ordinal));
    }

    /// <summary>A command line ({root}: a directory of campaign files; {server}: the silo), the exit code and a part of the message.</summary>
    public static TheoryData<string, int, string> UserErrors() => new()
    {
        { "run {root}/missing.yaml", 2, "campaign file not found" },
        { "run {root}/bad-config.yaml", 2, "steps: must be > 0, got 0" },
        { "run {root}/missing-dataset.yaml", 2, "tasks.dataset: file not found" },
        { "run {root}/bad-dataset.yaml", 2, "bad.jsonl:3: field 'verifier': unknown verifier 'guess'" },
        { "run {root}/bad-config.yaml --threads 0", 2, "--threads must be positive, got 0" },
        { "silo --data-dir {root}/silo --listen not-a-url", 2, "Api:Urls has 'not-a-url', which is not a URL" },
        { "silo --data-dir {root}/silo --listen http://0.0.0.0:0", 2, "set Api:Token" },
        { "campaign create {root}/missing.yaml --server {server}", 2, "campaign file not found" },
        { "campaign create {root}/bad-dataset.yaml --server {server}", 2, "bad.jsonl:2: field 'answer'" },
        { "campaign create {root}/bad-config.yaml --server {server}", 2, "steps: must be > 0, got 0" },
        { "campaign create {root}/good.yaml --steps 0 --server {server}", 2, "steps: must be positive, got 0 (--steps)" },
        { "campaign show nope --server {server}", 2, "404 Not Found" },
        { "campaign start nope --server {server}", 2, "404 Not Found" },
        { "campaign pause nope --server {server}", 2, "404 Not Found" },
        { "campaign stop nope --server {server}", 2, "404 Not Found" },
        { "campaign resume done --server {server}", 2, "409 Conflict" },
        { "campaign start done --server {server}", 2, "409 Conflict: campaign 'done': cannot start a Completed campaign" },
        { "campaign pause done --server {server}", 2, "cannot pause a Completed campaign" },
        { "campaign stop done --server {server}", 2, "cannot stop a Completed campaign" },
        { "campaign show -bad- --server {server}", 2, "is not a campaign id" },
        { "sweep create {root}/missing.yaml --server {server}", 2, "sweep file not found" },
        { "sweep create {root}/bad-sweep.yaml --server {server}", 2, "axes.seed: a seed is a non-negative whole number, got 'x' (line 3)" },
        { "sweep create {root}/missing-fragment-sweep.yaml --server {server}", 2, "axes.strategy.dump: file not found: {root}/strategies/dump.yaml (line 3)" },
        { "sweep create {root}/bad-arm-sweep.yaml --server {server}", 2, "grpo.lr: must be > 0, got -1 (arm lr--1)" },
        { "sweep show nope --server {server}", 2, "404 Not Found" },
        { "sweep stop nope --server {server}", 2, "404 Not Found" },
        { "curriculum show nope --server {server}", 2, "404 Not Found" },
        { "curriculum show done --top -1 --server {server}", 2, "top: must be between 0 and 10000, got -1" },
        { "metrics export nope --server {server}", 2, "404 Not Found" },
        { "metrics export done -o {root}/no/such/directory/m.csv --server {server}", 2, "--output: directory not found: {root}/no/such/directory" },
        { "evaluations export done -o {root}/no/such/directory/e.csv --server {server}", 2, "--output: directory not found: {root}/no/such/directory" },
        { "evaluations export done --format xml --server {server}", 2, "'xml'" },
        { "evaluations export nope --server {server}", 2, "404 Not Found" },
        { "checkpoints nope --server {server}", 2, "404 Not Found" },
        { "replay nope --server {server}", 2, "404 Not Found" },
        { "campaign delete nope --server {server}", 2, "404 Not Found" },
        { "validate {root}/bad-config.yaml", 2, "invalid campaign configuration in {root}/bad-config.yaml:" },
        { "validate {root}/missing.yaml", 2, "campaign file not found" },
        { "validate {root}/bad-dataset.yaml", 2, "bad.jsonl:3: field 'verifier': unknown verifier 'guess'" },
        { "run {root}/bad-config.yaml", 2, "invalid campaign configuration in {root}/bad-config.yaml:" },
        { "campaign create {root}/bad-config.yaml --server {server}", 2, "invalid campaign configuration in {root}/bad-config.yaml:" },
        { "init --family nope", 2, "'nope'" },
        { "init --dataset {root}/bad.jsonl", 2, "bad.jsonl:2: field 'answer'" },
        { "init --dataset {root}/nowhere.jsonl", 2, "--dataset: file not found: {root}/nowhere.jsonl" },
        { "init -o {root}/no/such/directory/c.yaml", 2, "--output: directory not found: {root}/no/such/directory" },
        { "completion fish", 2, "'fish'" },
        { "campaign list --server not-a-url", 2, "--server: 'not-a-url' is not an http(s) URL" },
        { "campaign frobnicate", 2, "frobnicate" },
        { "campaign list --server http://127.0.0.1:9", 1, "cannot reach the silo at http://127.0.0.1:9" },
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public async Task AUserErrorExitsWithOneMessageAndNoStackTrace(string commandLine, int exit, string message)
    {
        var arguments = commandLine
            .Replace("{root}", _root, StringComparison.Ordinal)
            .Replace("{server}", _fixture.Silo.BaseAddress.ToString(), StringComparison.Ordinal)
            .Split(' ');
        using var rlvr = RlvrProcess.StartCli(arguments, new Dictionary<string, string>());

        Assert.Equal(exit, await rlvr.WaitForExit(Timeout));
        Assert.Contains(message.Replace("{root}", _root, StringComparison.Ordinal), rlvr.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rlvr.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", rlvr.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatasetWithBadLinesListsEveryLineAtOnce()
    {
        using var run = RlvrProcess.StartCli(["run", Path.Combine(_root, "bad-dataset.yaml"), "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string>());

        Assert.Equal(2, await run.WaitForExit(Timeout));
        Assert.Contains("bad.jsonl: 2 bad lines:", run.Output, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: field 'answer'", run.Output, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: field 'verifier': unknown verifier 'guess'", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
