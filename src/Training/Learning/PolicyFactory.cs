using Rlvr.Torch;
using Rlvr.Training.Configuration;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Learning;

/// <summary>The campaign's policy shape over the character tokenizer, and its seeded initial weights.</summary>
public static class PolicyFactory
{
    public static PolicyConfig Shape(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new PolicyConfig(CharTokenizer.VocabSize, model.Width, model.Layers, model.Heads, model.Context);
    }

    /// <param name="device">"cpu" or "cuda:N".</param>
    public static Policy Create(CampaignConfig config, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(config);
        return Policy.Create(Shape(config.Model), device, RngFactory.DeriveSeed(config.BaseSeedOrSeed, 0, "policy/init"));
    }

    /// <summary>A prompt's token ids as the policy reads them: the begin token, then its characters.</summary>
    public static int[] Encode(string promptText) => CharTokenizer.Encode(promptText, withBegin: true);
}
