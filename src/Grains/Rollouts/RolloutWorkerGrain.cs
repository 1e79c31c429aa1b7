using System.Diagnostics;
using System.Globalization;
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
            // All the request's groups in one call; each prompt's draws come from its own key's seed.
            var started = Stopwatch.GetTimestamp();
            var result = policy.Sample(
                TokenBatch.FromSequences(request.Prompts.Select(p => PolicyFactory.Encode(p.Text)).ToArray()),
                new SampleOptions
                {
                    CompletionsPerPrompt = sampling.GroupSize,
                    MaxNewTokens = sampling.MaxNewTokens,
                    Temperature = sampling.Temperature,
                    TopP = sampling.TopP,
                    PromptSeeds = request.Prompts
                        .Select(p => RngFactory.DeriveSeed(request.CampaignSeed, request.Step, $"rollout/{p.Id}/{request.Round}"))
                        .ToArray(),
                });
            var samplingMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            KillPoints.Reach(KillPoints.MidSampling, request.Step);
            started = Stopwatch.GetTimestamp();
            var groups = new List<RolloutGroup>(request.Prompts.Count);
            for (var i = 0; i < request.Prompts.Count; i++)
            {
                var prompt = request.Prompts[i];
                var verifier = Verifiers.Get(prompt.Verifier);
                var completions = new List<(IReadOnlyList<int>, IReadOnlyList<float>, double)>(sampling.GroupSize);
                for (var row = i * sampling.GroupSize; row < (i + 1) * sampling.GroupSize; row++)
                {
                    var completion = result.Completion(row);
                    var reward = verifier.Verify(CharTokenizer.Decode(completion), prompt.Answer).Reward;
                    completions.Add((completion.ToArray(), result.CompletionLogProbs(row).ToArray(), reward));
                }
                groups.Add(RolloutGroup.Create(
                    prompt.Id, prompt.Distribution, request.Step, request.Round, request.PolicyVersion, completions, sampling.ScaleByStd));
            }
            return new RolloutBatch(groups, samplingMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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
        var campaign = SiloKeyedPlacement.Owner(this.GetPrimaryKeyString());
        _loaded = null;
        var published = await weights.Get(campaign, configHash, version);
        if (!Imported(published))
        {
            // Every version is checked against the learner's weights hash; a mismatch is said and read whole once more.
            LogHashMismatch(logger, campaign, version, silo.Name, published.WeightsHash);
            published = await weights.GetWhole(campaign, configHash, version);
            if (!Imported(published))
            {
                throw new InvalidOperationException(
                    $"policy version {version} of campaign '{campaign}' read whole on silo {silo.Name} does not have the learner's weights hash {published.WeightsHash}.");
            }
        }
        _loaded = (configHash, version);
        return _policy!;
    }

    private bool Imported(PolicyWeights published)
    {
        if (_policy is null || _policy.Config != published.Shape)
        {
            _policy?.Dispose();
            _policy = Policy.Create(published.Shape, capabilities.Device);
        }
        _policy.ImportWeights(published.Weights);
        return _policy.WeightsHash().ToString("x16", CultureInfo.InvariantCulture) == published.WeightsHash;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy version {Version} of campaign {Campaign} imported on silo {Silo} does not have the learner's weights hash {WeightsHash}; reading the whole version")]
    private static partial void LogHashMismatch(ILogger logger, string campaign, long version, string silo, string weightsHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout worker {Worker} activated on silo {Silo}")]
    private static partial void LogActivated(ILogger logger, string worker, string silo);
}
