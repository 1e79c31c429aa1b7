using System.Globalization;
using Rlvr.Training.Determinism;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Tasks;

public class TaskGeneratorTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void KnightsPuzzlesHaveExactlyOneSolutionAndItIsTheAnswer(int people)
    {
        var family = new KnightsFamily();
        var rng = new DeterministicRng(11);
        for (var i = 0; i < 50; i++)
        {
            var task = family.Generate(people, rng);
            var solutions = IndependentKnightsSolver.Solve(task.Prompt);
            Assert.Single(solutions);
            Assert.Equal(solutions[0], task.Answer);
            Assert.True(task.Prompt.Length <= 60, $"{task.Prompt} is {task.Prompt.Length} characters");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public void AdditionAnswersAreTheSumOfTwoNDigitOperands(int digits)
    {
        var rng = new DeterministicRng(5);
        for (var i = 0; i < 50; i++)
        {
            var task = new AdditionFamily().Generate(digits, rng);
            var operands = task.Prompt.TrimEnd('=').Split('+').Select(AdditionFamily.ParseReversed).ToArray();
            Assert.All(operands, o => Assert.True(o.ToString(CultureInfo.InvariantCulture).Length <= digits && (digits == 1 || o >= Math.Pow(10, digits - 1))));
            Assert.Equal(operands[0] + operands[1], AdditionFamily.ParseReversed(task.Answer));
            Assert.Equal("000000+000000=".Length, task.Prompt.Length);
            Assert.Equal(7, task.Answer.Length);
        }
    }

    [Fact]
    public void AdditionWritesEveryNumberLeastSignificantDigitFirst()
    {
        var task = new AdditionFamily().Generate(3, new DeterministicRng(11));
        var a = long.Parse(new string(task.Prompt[..6].Reverse().ToArray()), CultureInfo.InvariantCulture);
        var b = long.Parse(new string(task.Prompt[7..13].Reverse().ToArray()), CultureInfo.InvariantCulture);
        Assert.Equal((a + b).ToString(CultureInfo.InvariantCulture).PadLeft(7, '0'), new string(task.Answer.Reverse().ToArray()));
        Assert.Equal("000", task.Prompt[3..6]);
        Assert.NotEqual('0', task.Prompt[2]);
    }

    [Fact]
    public void SortingAnswersAreTheSortedDigits()
    {
        var task = new SortingFamily().Generate(8, new DeterministicRng(2));
        var digits = task.Prompt[1..^1].ToCharArray();
        Array.Sort(digits);
        Assert.Equal(new string(digits), task.Answer);
        Assert.Equal(8, task.Answer.Length);
    }

    [Fact]
    public void LevelsOutsideTheFamilyRangeAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KnightsFamily().Generate(2, new DeterministicRng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdditionFamily().Generate(7, new DeterministicRng(1)));
    }

    [Fact]
    public void BuiltInPromptsUseOnlyTheTaskAlphabet()
    {
        var catalog = Generate(seed: 1, poolSize: 100);
        var alphabet = new HashSet<char>(TaskAlphabet.BuiltIn);
        foreach (var prompt in catalog.Distributions.SelectMany(d => d.Training.Concat(d.Evaluation)))
        {
            Assert.All(prompt.Text + prompt.Answer, c => Assert.Contains(c, alphabet));
        }
        Assert.Equal(TaskAlphabet.BuiltIn, TaskAlphabet.For(catalog.TrainingPrompts));
        Assert.Equal(TaskAlphabet.BuiltIn + " x", TaskAlphabet.For([new TaskPrompt("i", "d", "x 1", "1", "exact")]));
    }

    [Fact]
    public void CatalogIsDeterministicAndSeedDependent()
    {
        var first = Generate(seed: 7, poolSize: 50);
        var again = Generate(seed: 7, poolSize: 50);
        var other = Generate(seed: 8, poolSize: 50);
        Assert.Equal(first.TrainingPrompts.Select(p => p.Id), again.TrainingPrompts.Select(p => p.Id));
        Assert.Equal(first.Distributions.SelectMany(d => d.Evaluation).Select(p => p.Id), again.Distributions.SelectMany(d => d.Evaluation).Select(p => p.Id));
        Assert.NotEqual(first.TrainingPrompts.Select(p => p.Id), other.TrainingPrompts.Select(p => p.Id));
    }

    [Fact]
    public void EvaluationSplitIsDisjointFromTrainingAcrossAllDistributions()
    {
        var catalog = Generate(seed: 3, poolSize: 300);
        var training = catalog.TrainingPrompts.Select(p => p.Text).ToHashSet();
        var evaluation = catalog.Distributions.SelectMany(d => d.Evaluation).ToList();
        Assert.NotEmpty(evaluation);
        Assert.DoesNotContain(evaluation, p => training.Contains(p.Text));
        Assert.All(catalog.Distributions, d => Assert.Equal(d.Training.Count, d.Training.Select(p => p.Text).Distinct().Count()));
    }

    [Fact]
    public void SmallPromptSpacesAreSplitNotExhausted()
    {
        // addition/1 has only 100 distinct prompts: both splits get some, none overlap.
        var catalog = TaskCatalog.Generate([(new AdditionFamily(), 1)], new BuiltInTaskOptions(1, PoolSize: 1000, EvaluationSize: 1000, EvaluationFraction: 0.1));
        var pool = catalog.Get("addition/1");
        Assert.Equal(100, pool.Training.Count + pool.Evaluation.Count);
        Assert.InRange(pool.Evaluation.Count, 1, 30);
    }

    private static TaskCatalog Generate(ulong seed, int poolSize) => TaskCatalog.Generate(
        [(new AdditionFamily(), 2), (new KnightsFamily(), 3), (new KnightsFamily(), 6), (new SortingFamily(), 4)],
        new BuiltInTaskOptions(seed, poolSize, EvaluationSize: 20, EvaluationFraction: 0.1));
}
