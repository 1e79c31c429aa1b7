using System.CommandLine;
using System.Diagnostics;
using Rlvr.Torch;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr pretrain`: supervised warm start of the default policy on 2-digit addition.</summary>
internal static class PretrainCommand
{
    private const int HeldOutCount = 256;

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => 1500 };
        var batchSize = new Option<int>("--batch") { Description = "Examples per step", DefaultValueFactory = _ => 64 };
        var learningRate = new Option<double>("--lr") { Description = "AdamW learning rate", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights and of the examples", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads", DefaultValueFactory = _ => TorchRuntime.DefaultThreads };
        var save = new Option<FileInfo?>("--save") { Description = "Write the trained policy state to this file" };
        var command = new Command("pretrain", "Train the default policy on 2-digit addition and report held-out greedy accuracy")
        {
            steps, batchSize, learningRate, seed, threads, save,
        };
        command.SetAction(result => Run(
            result.GetValue(steps), result.GetValue(batchSize), result.GetValue(learningRate), result.GetValue(seed),
            result.GetValue(threads), result.GetValue(save)));
        return command;
    }

    private static int Run(int steps, int batchSize, double learningRate, ulong seed, int threads, FileInfo? save)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps, "--steps");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize, "--batch");
        TorchRuntime.SetThreads(threads);
        using var policy = Policy.Create(PolicyConfig.Default, seed: seed);
        AnsiConsole.MarkupLine(Markup.Escape($"policy: {PolicyConfig.Default}, {policy.ParameterCount:N0} parameters, {threads} thread(s)"));

        // Held-out examples come from their own stream and are never trained on.
        var heldOutRandom = new Random(Seed(seed, 1));
        var heldOut = Enumerable.Range(0, HeldOutCount).Select(_ => AdditionTask.Draw(heldOutRandom)).ToArray();
        var heldOutPrompts = heldOut.Select(t => t.Prompt).ToHashSet();
        AnsiConsole.MarkupLine($"held-out greedy accuracy before: [yellow]{Accuracy(policy, heldOut):P1}[/]");

        var random = new Random(Seed(seed, 2));
        var options = new OptimizerOptions { LearningRate = learningRate };
        var stopwatch = Stopwatch.StartNew();
        var loss = float.NaN;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("loss ?", maxValue: steps);
                for (var step = 0; step < steps; step++)
                {
                    var (batch, target) = TrainingBatch(random, batchSize, heldOutPrompts);
                    loss = policy.SupervisedStep(batch, target, options with { LearningRate = learningRate * Schedule(step, steps) });
                    task.Description = $"loss {loss:F3}";
                    task.Increment(1);
                }
            });
        AnsiConsole.MarkupLine($"{steps} steps in {stopwatch.Elapsed.TotalSeconds:F1} s, final loss {loss:F4}");
        AnsiConsole.MarkupLine($"held-out greedy accuracy after: [green]{Accuracy(policy, heldOut):P1}[/]");
        if (save is not null)
        {
            policy.SaveState(save.FullName);
            AnsiConsole.MarkupLine($"saved to {Markup.Escape(save.FullName)}");
        }

        return 0;
    }

    // Linear warm-up over the first 5% of the steps, then cosine decay to a tenth.
    private static double Schedule(int step, int steps)
    {
        var warmup = Math.Max(1, steps / 20);
        if (step < warmup)
        {
            return (step + 1.0) / warmup;
        }

        var progress = (double)(step - warmup) / Math.Max(1, steps - warmup);
        return 0.1 + (0.45 * (1 + Math.Cos(Math.PI * progress)));
    }

    private static (TokenBatch Batch, bool[] Target) TrainingBatch(Random random, int size, HashSet<string> excluded)
    {
        var sequences = new List<int[]>(size);
        var targets = new List<bool>();
        while (sequences.Count < size)
        {
            var task = AdditionTask.Draw(random);
            if (excluded.Contains(task.Prompt))
            {
                continue;
            }

            var (tokens, target) = task.TrainingSequence();
            sequences.Add(tokens);
            targets.AddRange(target);
        }

        return (TokenBatch.FromSequences(sequences), targets.ToArray());
    }

    private static double Accuracy(Policy policy, AdditionTask[] tasks)
    {
        var prompts = TokenBatch.FromSequences(tasks.Select(t => t.PromptTokens()).ToArray());
        var result = policy.Sample(prompts, new SampleOptions { Temperature = 0f, MaxNewTokens = AdditionTask.MaxAnswerTokens });
        var correct = 0;
        for (var i = 0; i < tasks.Length; i++)
        {
            var completion = result.Completion(i);
            var stopped = completion.Length > 0 && completion[^1] == CharTokenizer.EndToken;
            correct += stopped && CharTokenizer.Decode(completion) == tasks[i].Answer ? 1 : 0;
        }

        return (double)correct / tasks.Length;
    }

    // A fixed mix (HashCode.Combine is randomized per process): the same seed gives the same examples every run.
    private static int Seed(ulong seed, ulong purpose) => unchecked((int)((seed * 0x9E3779B97F4A7C15UL) ^ (purpose * 0xBF58476D1CE4E5B9UL)));
}
