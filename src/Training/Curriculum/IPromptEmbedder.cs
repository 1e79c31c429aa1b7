using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>A fixed-size embedding of each prompt, for DOTS difficulty prediction.</summary>
public interface IPromptEmbedder
{
    IReadOnlyList<float[]> Embed(IReadOnlyList<TaskPrompt> prompts);
}
