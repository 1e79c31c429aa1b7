namespace Rlvr.Integration.Tests;

/// <summary>
/// The crash tests' campaign, small enough for a few seconds per run yet with every kind of state a checkpoint holds:
/// a DUMP curriculum, a replay buffer, held-out evaluations, checkpoints at steps 0, 1, 2, 4 and 6.
/// </summary>
internal static class ResumeCampaign
{
    public const int Steps = 6;

    public const string Yaml = """
        seed: 11
        steps: 6
        model:
          width: 32
          layers: 1
          heads: 2
          context: 32
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
          eval_size: 4
          eval_fraction: 0.2
          pool_size: 40
        grpo:
          group_size: 4
          prompts_per_step: 4
          beta: 0.0
          max_new_tokens: 8
        strategy:
          name: dump
        replay:
          enabled: true
          capacity: 16
          fresh_fraction: 0.5
          max_staleness: 4
        warm_start:
          steps: 3
          levels: [addition/1]
          batch_size: 8
        evaluation:
          interval: 3
        checkpoint:
          interval: 2
          keep_last: 2
        """;
}
