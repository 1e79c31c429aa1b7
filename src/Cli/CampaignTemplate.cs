using System.Globalization;
using System.Text;
using Rlvr.Torch;
using Rlvr.Training.Learning;
using Rlvr.Training.Tasks;

namespace Rlvr.Cli;

/// <summary>
/// The commented campaign file `rlvr init` writes: every section a new user changes first, with the defaults spelled
/// out and a line on what each key does. The model's context and completion length are sized to the tasks' longest
/// prompt and answer, so that the file validates as written.
/// </summary>
internal static class CampaignTemplate
{
    /// <param name="tasks">The YAML lines of the tasks section's source (a dataset or built-in levels), indented under it.</param>
    /// <param name="source">Where the prompts come from, for the header comment.</param>
    /// <param name="distributions">The distribution names, for the warm start.</param>
    /// <param name="prompts">Every prompt, to size the model's context.</param>
    public static string Render(string tasks, string source, IReadOnlyList<string> distributions, IReadOnlyList<TaskPrompt> prompts)
    {
        var longestPrompt = prompts.Max(p => PolicyFactory.Encode(p.Text).Length);
        var longestAnswer = prompts.Max(p => CharTokenizer.Encode(p.Answer).Length);
        // Room for the answer, the end token and a few tokens of working; the context holds a prompt and its completion.
        var maxNewTokens = Math.Max(8, longestAnswer + 4);
        var context = (longestPrompt + maxNewTokens + 15) / 16 * 16;
        var levels = string.Join(", ", distributions);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            # A campaign over {{source}}, written by `rlvr init`.
            # Check it with `rlvr validate FILE`, run it with `rlvr run FILE` (or `rlvr campaign create FILE` on a silo).
            # Every key and its default: docs/configuration.md; strategies and their parameters: `rlvr strategies`.

            # The campaign seed: every random stream of the run derives from it, the step and a purpose.
            seed: 1
            # GRPO steps (`rlvr run --steps N` overrides it).
            steps: 100

            # The policy transformer. The context holds the longest prompt ({{longestPrompt}} tokens here) plus grpo.max_new_tokens.
            model:
              width: 128
              layers: 4
              heads: 4
              context: {{context}}

            tasks:
            {{tasks}}
              # Held-out prompts per distribution at most: only prompts whose text falls in the eval_fraction share are
              # held out (never trained on), so a small distribution holds out fewer; `rlvr validate` prints how many.
              eval_size: 64
              eval_fraction: 0.1

            grpo:
              group_size: 8          # rollouts per prompt
              prompts_per_step: 32   # prompt groups per optimizer step
              lr: 0.0003
              beta: 0.001            # KL coefficient against the frozen reference policy (0: none)
              temperature: 1.0
              max_new_tokens: {{maxNewTokens}}     # the longest answer here is {{longestAnswer}} tokens

            # Which prompts each step trains on: uniform, dump (a bandit over distributions), dots or prioritized.
            strategy:
              name: dump
              dump:
                window: 300
                exploration: 1.0
                temperature: 0.1

            # A supervised warm start before GRPO (cached under the data directory): without one a fresh policy
            # rarely earns any reward. Levels are distribution names; weights (optional) one per level.
            warm_start:
              steps: 200
              levels: [{{levels}}]

            evaluation:
              interval: 20           # held-out greedy and sampled accuracy every this many steps, and after the last

            checkpoint:
              interval: 50           # also after step 1 and the last step
              keep_last: 3

            """);
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
