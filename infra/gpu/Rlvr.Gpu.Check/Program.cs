using System.Diagnostics;
using System.Globalization;
using Rlvr.Benchmarks.Workload;
using Rlvr.Torch;

// The learner on a device, checked and timed against the CPU: what infra/gpu/rehearse.sh runs on a lent GPU machine
// (which has no .NET SDK, so no test runner: these checks stand in for the learner tests there).
//   Rlvr.Gpu.Check [device] [repeats]     device: cuda:0 when the shim sees one, else cpu (a rehearsal)
var device = args.Length > 0 ? args[0] : TorchRuntime.CudaDeviceCount > 0 ? "cuda:0" : "cpu";
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
Console.WriteLine($"CUDA devices seen by the shim: {TorchRuntime.CudaDeviceCount}; checking the learner on {device}");

var failures = 0;
Check("supervised steps lower the loss", () =>
{
    using var policy = Policy.Create(PolicyConfig.Default, device, seed: 1);
    var batch = TorchWorkload.TrainingBatch();
    var losses = Enumerable.Range(0, 30)
        .Select(_ => policy.SupervisedStep(batch.Sequences, batch.ResponseMask, new OptimizerOptions { LearningRate = 3e-3 }))
        .ToList();
    return (losses[^1] < 0.8 * losses[0], $"loss {losses[0]:F3} -> {losses[^1]:F3}");
});
Check("a saved state loads back to the same weights", () =>
{
    using var policy = Policy.Create(PolicyConfig.Default, device, seed: 2);
    policy.GrpoStep(TorchWorkload.TrainingBatch(), new GrpoOptions());
    using var loaded = Policy.Create(PolicyConfig.Default, device, seed: 3);
    loaded.LoadState(policy.SaveState());
    return (loaded.WeightsHash() == policy.WeightsHash(), $"hash {policy.WeightsHash():x16}");
});
Check("weights exported from the device give the CPU the same log-probs", () =>
{
    using var onDevice = Policy.Create(PolicyConfig.Default, device, seed: 4);
    using var onCpu = Policy.Create(PolicyConfig.Default, "cpu", seed: 5);
    onCpu.ImportWeights(onDevice.ExportWeights());
    var sequences = TorchWorkload.TrainingBatch().Sequences;
    var gap = onDevice.LogProbs(sequences).Zip(onCpu.LogProbs(sequences), (a, b) => Math.Abs(a - b)).Max();
    return (gap < 1e-3, $"largest log-prob difference {gap:E2}");
});
Check("GRPO steps from one seed give the same weights twice", () =>
{
    ulong Train()
    {
        using var policy = Policy.Create(PolicyConfig.Default, device, seed: 6);
        for (var i = 0; i < 3; i++)
        {
            policy.GrpoStep(TorchWorkload.TrainingBatch(), new GrpoOptions());
        }
        return policy.WeightsHash();
    }
    var (first, second) = (Train(), Train());
    return (first == second, $"{first:x16} / {second:x16}");
});

Console.WriteLine($"timings, median of {repeats} (the default policy; GRPO step: 128 sequences of 20 tokens; sampling: 128 completions of 12 tokens, KV cache):");
foreach (var timed in device == "cpu" ? ["cpu"] : new[] { "cpu", device })
{
    using var policy = Policy.Create(PolicyConfig.Default, timed, seed: 1);
    var batch = TorchWorkload.TrainingBatch();
    var prompts = TorchWorkload.PromptBatch();
    var step = Median(() => policy.GrpoStep(batch, new GrpoOptions()));
    var sample = Median(() => policy.Sample(prompts, TorchWorkload.Sampling(TorchWorkload.ResponseLength, useKvCache: true)));
    Console.WriteLine($"  {timed}: GRPO step {step:F1} ms, sampling {sample:F1} ms");
}
return failures == 0 ? 0 : 1;

void Check(string name, Func<(bool Passed, string Detail)> check)
{
    try
    {
        var (passed, detail) = check();
        failures += passed ? 0 : 1;
        Console.WriteLine($"  {(passed ? "pass" : "FAIL")}: {name} ({detail})");
    }
    catch (TorchException e)
    {
        failures++;
        Console.WriteLine($"  FAIL: {name}: {e.Message}");
    }
}

double Median(Action work)
{
    work(); // the first call pays for allocations and kernel selection
    var times = Enumerable.Range(0, repeats).Select(_ =>
    {
        var started = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }).Order().ToList();
    return times[times.Count / 2];
}
