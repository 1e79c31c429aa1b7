// API load against training: one campaign trains on a silo while, in alternating phases of the same run, either
// nobody or N clients poll its curriculum state. Reports the curriculum query latency (p50, p99) under load and the
// training throughput (steps per second, from the campaign's own step events) of the loaded phases against the quiet
// ones. Usage (see bench/api-load.sh, which starts the silo):
//   Rlvr.Api.LoadBench <server> <campaign.yaml> [clients=50] [poll interval ms=500] [steps per phase=8] [phases=4]
using System.Diagnostics;
using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Api.LoadBench;
using Rlvr.Client;

var server = new Uri(args[0]);
var yaml = await File.ReadAllTextAsync(args[1]);
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var interval = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500);
var stepsPerPhase = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 8;
var phases = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 4;
const int WarmupSteps = 3;

using var control = new RlvrClient(server);
const string Id = "api-load";
var steps = WarmupSteps + (phases * stepsPerPhase);
var campaign = await control.CreateCampaignAsync(new CreateCampaignRequest(Id, yaml, steps));
Console.WriteLine($"campaign {Id}: {campaign.Status}, {steps} steps; {clients} clients polling every {interval.TotalMilliseconds} ms in the loaded phases");

// Step completion times from the campaign's event stream.
var finished = new StepClock();
using var stop = new CancellationTokenSource();
var watcher = Task.Run(async () =>
{
    await foreach (var e in control.WatchAsync(Id, 0, stop.Token))
    {
        if (e.Type == "step")
        {
            finished.Record(e.Step, e.StepMetrics!.PhasesMs["evaluation"]);
        }
    }
});

var quiet = new List<double>();
var loaded = new List<double>();
var latencies = new List<double>();
for (var phase = 0; phase < phases; phase++)
{
    var first = WarmupSteps + (phase * stepsPerPhase);
    await finished.WaitFor(first);
    var withLoad = phase % 2 == 1;
    using var phaseEnd = new CancellationTokenSource();
    var pollers = withLoad ? Enumerable.Range(0, clients).Select(_ => Poll(server, interval, phaseEnd.Token)).ToList() : [];
    await finished.WaitFor(first + stepsPerPhase);
    phaseEnd.Cancel();
    foreach (var poller in pollers)
    {
        latencies.AddRange(await poller);
    }
    var rate = stepsPerPhase / finished.TrainingTime(first, first + stepsPerPhase).TotalSeconds;
    (withLoad ? loaded : quiet).Add(rate);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {phase} ({(withLoad ? $"{clients} clients" : "quiet")}): steps {first + 1}-{first + stepsPerPhase}, {rate:F3} steps/s"));
}
await stop.CancelAsync();
await watcher.ContinueWith(_ => { }, TaskScheduler.Default);

latencies.Sort();
var slowdown = 1 - (loaded.Average() / quiet.Average());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"curriculum queries: {latencies.Count}, p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"training: quiet {quiet.Average():F3} steps/s, loaded {loaded.Average():F3} steps/s: {slowdown:P1} slower under load (target < 5%)"));
return 0;

static async Task<List<double>> Poll(Uri server, TimeSpan interval, CancellationToken end)
{
    using var client = new RlvrClient(server, maxRetries: 0);
    var times = new List<double>();
    // Spread the clients over the interval, as independent users would be.
    await Task.Delay(Random.Shared.Next((int)interval.TotalMilliseconds), CancellationToken.None);
    while (!end.IsCancellationRequested)
    {
        var started = Stopwatch.GetTimestamp();
        await client.GetCurriculumAsync("api-load", 10, CancellationToken.None);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        try
        {
            await Task.Delay(interval, end);
        }
        catch (OperationCanceledException)
        {
        }
    }
    return times;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
