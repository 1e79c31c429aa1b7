using System.Diagnostics;
using System.Globalization;
using Rlvr.Storage.Azure;
using Rlvr.Storage.Chunks;
using Rlvr.Storage.Deltas;
using Rlvr.TestKit;
using Rlvr.Torch;
using Rlvr.Weights.Benchmarks;

// Usage: Rlvr.Weights.Benchmarks <name> <width> <layers> <heads> <context> <steps> <silos> [learning-rate]
// Trains a policy of that shape for a few GRPO steps on a synthetic batch (random tokens, advantages +-1), and for each
// step publishes the new version through Azure Blob storage on a loopback Azurite, whole and as a delta, to <silos>
// readers (one storage client and chunk cache each, as silos have), in fp32 and rounded to bf16.
var invariant = CultureInfo.InvariantCulture;
var name = args[0];
var config = new PolicyConfig(CharTokenizer.VocabSize, int.Parse(args[1], invariant), int.Parse(args[2], invariant),
    int.Parse(args[3], invariant), int.Parse(args[4], invariant));
var steps = int.Parse(args[5], invariant);
var silos = int.Parse(args[6], invariant);
var learningRate = args.Length > 7 ? double.Parse(args[7], invariant) : 2e-4;

await using var azurite = await AzuriteServer.StartAsync();
using var policy = Policy.Create(config, "cpu", seed: 1);
var random = new Random(7);
var batch = SyntheticBatch(config, random);
var options = new GrpoOptions { Optimizer = new OptimizerOptions { LearningRate = learningRate }, KlCoef = 0 };

var learner = Store(azurite);
var readers = Enumerable.Range(0, silos).Select(_ => Store(azurite)).ToArray();
var previous = policy.ExportWeights();
Console.WriteLine($"# {name}: {policy.ParameterCount:N0} parameters, {previous.Length:N0} bytes exported (fp32), {silos} reading silos, lr {learningRate}");
Console.WriteLine("step | precision | unchanged | full bytes | delta bytes | bytes moved full | bytes moved delta | time to all silos full (ms) | delta (ms) | delta bytes per changed element");
var sequence = 0L;
for (var step = 1; step <= steps; step++)
{
    policy.GrpoStep(batch, options);
    var current = policy.ExportWeights();
    foreach (var (precision, before, after, wordSize) in new[]
    {
        ("fp32", previous, current, 4),
        ("bf16", Bf16.Round(previous), Bf16.Round(current), 2),
    })
    {
        var words = after.Length / wordSize;
        var changed = WordDelta.ChangedWords(before, after, wordSize).Count;
        var delta = WordDelta.Encode(before, after, wordSize);
        var fullMs = await Publish(after, null);
        var deltaMs = await Publish(delta, before);
        Console.WriteLine(string.Join(" | ", step, precision, $"{1 - ((double)changed / words):P2}", after.Length.ToString("N0", invariant),
            delta.Length.ToString("N0", invariant), ((long)after.Length * (silos + 1)).ToString("N0", invariant),
            ((long)delta.Length * (silos + 1)).ToString("N0", invariant), fullMs.ToString("F0", invariant), deltaMs.ToString("F0", invariant),
            changed == 0 ? "-" : ((double)delta.Length / changed).ToString("F2", invariant)));
    }
    previous = current;
}

// The learner writes the blob; every silo reads it (and rebuilds from its base when it is a delta), all at once.
async Task<double> Publish(byte[] blob, byte[]? baseWeights)
{
    var started = Stopwatch.GetTimestamp();
    var manifest = await learner.PutAsync("_weights.bench", ++sequence, blob, new Dictionary<string, string>(), []);
    await Task.WhenAll(readers.Select(async reader =>
    {
        var read = await reader.ReadAsync(manifest);
        if (baseWeights is not null)
        {
            WordDelta.Apply(baseWeights, read.Data);
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    await learner.CollectAsync("_weights.bench", sequence);
    return elapsed;
}

static ChunkedBlobStore Store(AzuriteServer azurite) =>
    new(new AzureBlobCheckpointStore(azurite.ConnectionString, "weights-bench"), new ChunkCache(64L << 20));

static TrainingBatch SyntheticBatch(PolicyConfig config, Random random)
{
    const int Sequences = 8;
    var length = config.ContextLength;
    var tokens = Enumerable.Range(0, Sequences).Select(_ => Enumerable.Range(0, length).Select(_ => random.Next(1, config.VocabSize)).ToArray()).ToArray();
    var mask = tokens.SelectMany(t => t.Select((_, i) => i >= length / 2)).ToArray();
    var advantages = Enumerable.Range(0, Sequences).Select(i => i % 2 == 0 ? 1f : -1f).ToArray();
    return new TrainingBatch(TokenBatch.FromSequences(tokens), mask, advantages);
}
