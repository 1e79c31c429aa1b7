using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Torch;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Learning;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Rollouts;

/// <summary>
/// One rollout lane of a campaign on one silo (the key names both, see <see cref="RolloutWorkerPool"/>): keeps a copy of
/// the policy at one version, on the silo's device, taken from the silo's <see cref="PolicyWeightsCache"/> when a
/// request names another.
/// </summary>
[SiloKeyedPlacement]
public sealed partial class RolloutWorkerGrain(
    PolicyWeightsCache weights, SiloCapabilities capabilities, ILocalSiloDetails silo, ILogger<RolloutWorkerGrain> logger)
    : Grain, IRolloutWorkerGrain
{
    private static readonly VerifierRegistry Verifiers = VerifierRegistry.CreateDefault();
    private readonly NativeCallThread _native = new("rollout-worker");
    private Policy? _policy;
    private (string ConfigHash, long Version)? _loaded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LogActivated(logger, this.GetPrimaryKeyString(), silo.Name);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policy?.Dispose();
        _native.Stop();
        return Task.CompletedTask;
    }

    public async Task<RolloutBatch> Generate(RolloutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = await PolicyAt(request.ConfigHash, request.PolicyVersion);
        var sampling = request.Sampling;
        return await _native.Run(() =>
        {
            // The prompts of one group size in one call (all of them unless a strategy allocates rollouts); each prompt's
            // draws come from its own key's seed.
            var groups = new RolloutGroup[request.Prompts.Count];
            var (samplingMs, verificationMs) = (0.0, 0.0);
            foreach (var bySize in Enumerable.Range(0, request.Prompts.Count).GroupBy(request.GroupSizeOf))
            {
                var size = bySize.Key;
                var indices = bySize.ToArray();
                var started = Stopwatch.GetTimestamp();
                var result = policy.Sample(
                    TokenBatch.FromSequences(indices.Select(i => PolicyFactory.Encode(request.Prompts[i].Text)).ToArray()),
                    new SampleOptions
                    {
                        CompletionsPerPrompt = size,
                        MaxNewTokens = sampling.MaxNewTokens,
                        Temperature = sampling.Temperature,
                        TopP = sampling.TopP,
                        PromptSeeds = indices
                            .Select(i => RngFactory.DeriveSeed(request.CampaignSeed, request.Step, $"rollout/{request.Prompts[i].Id}/{request.Round}"))
                            .ToArray(),
                    });
                samplingMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                KillPoints.Reach(KillPoints.MidSampling, request.Step);
                started = Stopwatch.GetTimestamp();
                for (var k = 0; k < indices.Length; k++)
                {
                    var prompt = request.Prompts[indices[k]];
                    var verifier = Verifiers.Get(prompt.Verifier);
                    var completions = new List<(IReadOnlyList<int>, IReadOnlyList<float>, double)>(size);
                    for (var row = k * size; row < (k + 1) * size; row++)
                    {
                        var completion = result.Completion(row);
                        var reward = verifier.Verify(CharTokenizer.Decode(completion), prompt.Answer).Reward;
                        completions.Add((completion.ToArray(), result.CompletionLogProbs(row).ToArray(), reward));
                    }
                    groups[indices[k]] = RolloutGroup.Create(
                        prompt.Id, prompt.Distribution, request.Step, request.Round, request.PolicyVersion, completions, sampling.ScaleByStd);
                }
                verificationMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            return new RolloutBatch(groups, samplingMs, verificationMs);
        });
    }

    public async Task<IReadOnlyList<double>> Evaluate(
        string configHash, long policyVersion, IReadOnlyList<TaskPrompt> prompts, EvaluationSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(sampling);
        if (prompts.Count == 0)
        {
            return [];
        }
        var policy = await PolicyAt(configHash, policyVersion);
        return await _native.Run(() =>
        {
            var batch = TokenBatch.FromSequences(prompts.Select(p => PolicyFactory.Encode(p.Text)).ToArray());
            var result = policy.Sample(batch, new SampleOptions
            {
                Temperature = sampling.Temperature,
                TopP = sampling.TopP,
                MaxNewTokens = sampling.MaxNewTokens,
                Seed = sampling.Seed,
            });
            return (IReadOnlyList<double>)prompts
                .Select((p, i) => Verifiers.Get(p.Verifier).Verify(CharTokenizer.Decode(result.Completion(i)), p.Answer).Reward)
                .ToList();
        });
    }

    private async Task<Policy> PolicyAt(string configHash, long version)
    {
        if (_policy is not null && _loaded == (configHash, version))
        {
            return _policy;
        }
        var published = await weights.Get(SiloKeyedPlacement.Owner(this.GetPrimaryKeyString()), configHash, version);
        if (_policy is null || _policy.Config != published.Shape)
        {
            _policy?.Dispose();
            _policy = Policy.Create(published.Shape, capabilities.Device);
        }
        _policy.ImportWeights(published.Weights);
        _loaded = (configHash, version);
        return _policy;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout worker {Worker} activated on silo {Silo}")]
    private static partial void LogActivated(ILogger logger, string worker, string silo);
}
