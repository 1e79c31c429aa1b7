using Rlvr.Training.Curriculum;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Strategies;

/// <summary>What a prompt selector is built from besides its options: the campaign's prompts, and the frozen policy's embedder when one is loaded.</summary>
public sealed record SelectionContext(TaskCatalog Catalog, IPromptEmbedder? PolicyEmbedder = null);
