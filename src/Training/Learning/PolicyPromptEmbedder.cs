using Rlvr.Torch;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Learning;

/// <summary>
/// DOTS's "policy" embedding: the mean-pooled final hidden states of a frozen copy of the warm-started policy,
/// as the paper uses a frozen LLM's. Frozen, so an embedding never changes during a campaign: each prompt is
/// embedded once and cached by id.
/// </summary>
public sealed class PolicyPromptEmbedder(Policy policy) : IPromptEmbedder, IDisposable
{
    private const int BatchSize = 256;
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public IReadOnlyList<float[]> Embed(IReadOnlyList<TaskPrompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var missing = prompts.Where(p => !_cache.ContainsKey(p.Id)).DistinctBy(p => p.Id).ToList();
        var width = policy.Config.Width;
        foreach (var chunk in missing.Chunk(BatchSize))
        {
            var pooled = policy.Embed(TokenBatch.FromSequences(chunk.Select(p => PolicyFactory.Encode(p.Text)).ToArray()));
            for (var i = 0; i < chunk.Length; i++)
            {
                _cache[chunk[i].Id] = pooled.AsSpan(i * width, width).ToArray();
            }
        }
        return prompts.Select(p => _cache[p.Id]).ToList();
    }

    /// <summary>The campaign's warm-started policy (from the warm-start cache, trained there if absent), frozen.</summary>
    public static PolicyPromptEmbedder FromWarmStart(Campaigns.Campaign campaign, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var policy = PolicyFactory.Create(campaign.Config);
        WarmStart.Apply(policy, campaign, dataDirectory);
        return new PolicyPromptEmbedder(policy);
    }

    public void Dispose() => policy.Dispose();
}
