using Rlvr.Training.Curriculum;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Strategies;

/// <summary>
/// What a prompt selector is built from besides its options: the campaign's prompts, the frozen policy's embedder when
/// one is loaded, and the GRPO settings an allocating strategy budgets with (G rollouts a prompt, B prompts a step, and
/// whether advantages are scaled by the group's std).
/// </summary>
public sealed record SelectionContext(
    TaskCatalog Catalog, IPromptEmbedder? PolicyEmbedder = null, int GroupSize = 8, int PromptsPerStep = 32, bool ScaleByStd = true);
