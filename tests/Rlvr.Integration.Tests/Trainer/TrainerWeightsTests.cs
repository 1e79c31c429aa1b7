using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;
using Rlvr.Storage.Deltas;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>
/// The published policy versions of a built-in learner through the trainer protocol's weights routes and the Python
/// client (clients/python/rlvr_trainer.py): a version read as a delta applied to the one before is the version read
/// whole; what is not there gets its problem; the client's delta application takes the product encoder's bytes.
/// </summary>
public sealed class TrainerWeightsTests(ExternalTrainerFixture fixture) : IClassFixture<ExternalTrainerFixture>
{
    // Steps this small change a few of the fp32 words (those of weights under about 0.004), so the learner publishes the
    // changed words rather than the whole version.
    private static string BuiltinCampaign(int steps) =>
        ApiCampaigns.With("steps: 6\n", $"steps: {steps}\n", ApiCampaigns.With("  beta: 0.0\n", "  beta: 0.0\n  lr: 3.0e-10\n"));

    [Fact]
    public async Task APausedCampaignsVersionReadAsADeltaIsTheVersionReadWhole()
    {
        const string id = "weights-delta";
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, BuiltinCampaign(40)));
        await Poll.Campaign(fixture.Client, id, c => c.Step >= 2);
        await fixture.Client.PauseAsync(id);
        var paused = await Poll.Campaign(fixture.Client, id, c => c.Status == "Paused");
        var version = paused.PolicyVersion;

        var (exit, output) = await Python("""
            import json, sys
            from rlvr_trainer import RlvrApiError, TrainerClient
            client = TrainerClient(sys.argv[1], sys.argv[2])
            version = int(sys.argv[3])
            before = client.fetch_weights(version - 1)
            delta = client.fetch_weights(version, held=before)
            whole = client.fetch_weights(version)
            problems = {}
            for asked in (version - 2, version + 1):
                try:
                    client.fetch_weights(asked)
                except RlvrApiError as e:
                    problems[asked] = e.status
            print(json.dumps({"before": before.read_as, "delta": delta.read_as, "whole": whole.read_as,
                              "same": delta.data == whole.data, "changed": delta.data != before.data,
                              "length": len(whole.data), "hash": whole.weights_hash, "problems": problems}))
            """, fixture.Silo.BaseAddress.ToString(), id, version.ToString(CultureInfo.InvariantCulture));

        Assert.True(exit == 0, output);
        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var r = result.RootElement;
        Assert.Equal("whole", r.GetProperty("before").GetString());
        // Every 8th version is published whole, whatever its delta.
        Assert.Equal(version % 8 == 0 ? "whole" : "delta", r.GetProperty("delta").GetString());
        Assert.Equal("whole", r.GetProperty("whole").GetString());
        Assert.True(r.GetProperty("same").GetBoolean(), output);
        Assert.True(r.GetProperty("changed").GetBoolean(), "the update changed no word: the delta rebuilt nothing");
        Assert.True(r.GetProperty("length").GetInt64() > 10_000, output);
        Assert.Matches("^[0-9a-f]{16}$", r.GetProperty("hash").GetString());
        var problems = r.GetProperty("problems");
        Assert.Equal(404, problems.GetProperty((version - 2).ToString(CultureInfo.InvariantCulture)).GetInt32());
        Assert.Equal(404, problems.GetProperty((version + 1).ToString(CultureInfo.InvariantCulture)).GetInt32());
    }

    [Fact]
    public async Task WhatIsNotPublishedGetsItsProblem()
    {
        const string builtin = "weights-problems";
        const string external = "weights-external";
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(builtin, BuiltinCampaign(1)));
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(external, ExternalTrainerFixture.Campaign()));
        await Poll.Campaign(fixture.Client, builtin, c => c.Status == "Completed");
        using var http = fixture.Silo.CreateHttpClient();

        var noLearner = await Problem.Read(await http.GetAsync($"api/v1/campaigns/{external}/trainer/weights/0"), HttpStatusCode.Conflict);
        Assert.Contains("no built-in learner", noLearner.Detail, StringComparison.Ordinal);
        await Problem.Read(await http.GetAsync("api/v1/campaigns/nosuch/trainer/weights/0"), HttpStatusCode.NotFound);
        var badVersion = await Problem.Read(await http.GetAsync($"api/v1/campaigns/{builtin}/trainer/weights/one"), HttpStatusCode.BadRequest);
        Assert.Contains("version", badVersion.Errors.Keys);
        var badSha = await Problem.Read(await http.GetAsync($"api/v1/campaigns/{builtin}/trainer/weights/chunks/2/ABC"), HttpStatusCode.BadRequest);
        Assert.Contains("sha256", badSha.Errors.Keys);
        var collected = await Problem.Read(
            await http.GetAsync($"api/v1/campaigns/{builtin}/trainer/weights/chunks/0/{new string('0', 64)}"), HttpStatusCode.NotFound);
        Assert.Contains("ask for the version again", collected.Detail, StringComparison.Ordinal);

        // The route's chunk is the manifest's: its bytes have the SHA-256 they are named by.
        var manifest = await http.GetFromJsonAsync<PolicyWeightsInfo>($"api/v1/campaigns/{builtin}/trainer/weights/1?whole=true", ApiJson.Options);
        Assert.Equal("whole", manifest!.Kind);
        var chunk = manifest.Chunks[0];
        var bytes = await http.GetByteArrayAsync($"api/v1/campaigns/{builtin}/trainer/weights/chunks/{chunk.Blob}/{chunk.Sha256}");
        Assert.Equal(chunk.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Theory]
    [InlineData(2, 10_001)]
    [InlineData(4, 10_003)]
    public async Task ThePythonClientAppliesTheEncodersDeltasAndRefusesOthers(int wordSize, int length)
    {
        var random = new Random(wordSize);
        var before = new byte[length];
        random.NextBytes(before);
        var after = (byte[])before.Clone();
        for (var i = 0; i < length; i += 37)
        {
            after[i] ^= 0x5A;
        }
        after[^1] ^= 0xFF; // the bytes after the last whole word travel too
        var delta = WordDelta.Encode(before, after, wordSize);
        var corrupt = (byte[])delta.Clone();
        corrupt[corrupt.Length / 2] ^= 1;
        var other = (byte[])before.Clone();
        other[0] ^= 1;
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Root, $"delta-{wordSize}")).FullName;
        foreach (var (name, data) in new[] { ("before", before), ("delta", delta), ("corrupt", corrupt), ("other", other) })
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, name), data);
        }

        var (exit, output) = await Python("""
            import os, sys
            from rlvr_trainer import WeightsError, apply_word_delta
            read = lambda name: open(os.path.join(sys.argv[1], name), "rb").read()
            open(os.path.join(sys.argv[1], "after"), "wb").write(apply_word_delta(read("before"), read("delta")))
            for base, delta in (("other", "delta"), ("before", "corrupt")):
                try:
                    apply_word_delta(read(base), read(delta))
                    print(f"{base} + {delta}: applied")
                except WeightsError as e:
                    print(f"{base} + {delta}: refused ({e})")
            """, directory);

        Assert.True(exit == 0, output);
        Assert.Equal(after, await File.ReadAllBytesAsync(Path.Combine(directory, "after")));
        Assert.Contains("other + delta: refused (word delta: made against other base weights", output, StringComparison.Ordinal);
        Assert.Contains("before + corrupt: refused", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> Python(string code, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", ["-c", code, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(RepositoryRoot.Find(), "clients", "python");
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await python.WaitForExitAsync(timeout.Token);
        return (python.ExitCode, await stdout + await stderr);
    }
}
