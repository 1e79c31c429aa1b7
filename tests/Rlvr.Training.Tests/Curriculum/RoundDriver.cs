using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;

namespace Rlvr.Training.Tests.Curriculum;

/// <summary>
/// Drives an <see cref="IRolloutPlanner"/> through a step as the curriculum scheduler does (Begin, then AfterRound with
/// each round's groups, the round's RNG from (seed, step, "curriculum/select/r")), its groups' rewards given by an
/// oracle of (prompt, round, rollouts), then reports the trained groups to ObserveTraining.
/// </summary>
internal static class RoundDriver
{
    public delegate double[] Rewards(string promptId, int round, int rollouts);

    /// <summary>What the step asked for round by round, and what it trained on.</summary>
    public sealed record StepRun(IReadOnlyList<RollOutRound> Rounds, IReadOnlyList<RolloutGroup> Trained);

    public static StepRun Step(IRolloutPlanner planner, long step, int groups, Rewards rewards, ulong seed = 7, bool scaleByStd = true)
    {
        var rounds = new List<RollOutRound>();
        var next = planner.Begin(step, groups, RngFactory.Create(seed, step, "curriculum/select/0"));
        var round = 0;
        while (next is RollOutRound rollOut)
        {
            rounds.Add(rollOut);
            var generated = rollOut.Prompts
                .Select(b => Group(b.Prompt.Id, step, round, scaleByStd, rewards(b.Prompt.Id, round, b.Rollouts)))
                .ToList();
            Assert.All(rollOut.Prompts.Zip(generated), p => Assert.Equal(p.First.Rollouts, p.Second.Rollouts.Count));
            next = planner.AfterRound(step, round, generated, RngFactory.Create(seed, step, $"curriculum/select/{round + 1}"));
            round++;
        }
        var trained = ((TrainOn)next).Groups;
        planner.ObserveTraining(step, [.. trained.Select(g => g.ToOutcome())]);
        return new StepRun(rounds, trained);
    }

    public static RolloutGroup Group(string promptId, long step, int round, bool scaleByStd, params double[] rewards) =>
        RolloutGroup.Create(
            promptId,
            promptId.Split('#')[0],
            step,
            round,
            policyVersion: step,
            rewards.Select((r, i) => ((IReadOnlyList<int>)[round, i], (IReadOnlyList<float>)[-0.5f, -0.25f], r)).ToList(),
            scaleByStd);

    /// <summary>The same rewards whatever the round: <paramref name="pattern"/> repeated to the length asked for.</summary>
    public static double[] Repeat(int rollouts, params double[] pattern) => [.. Enumerable.Range(0, rollouts).Select(i => pattern[i % pattern.Length])];

    /// <summary>The prompt ids of a round, sorted (a draw's order is random).</summary>
    public static string[] Ids(RollOutRound round) => [.. round.Prompts.Select(p => p.Prompt.Id).Order(StringComparer.Ordinal)];

    /// <summary>The pool position of a "name#i" prompt id.</summary>
    public static int Index(string promptId) => int.Parse(promptId.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture);
}
