using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tests.Tasks;

public class JsonlDatasetTests
{
    private const string Good = """{"prompt": "2+2=", "answer": "4", "distribution": "add/1", "verifier": "numeric"}""";

    [Fact]
    public void ReadsRecordsAndDerivesIds()
    {
        var prompts = Read($"{Good}\n\n{{\"id\": \"x\", \"prompt\": \"A:~B?\", \"answer\": \"A\", \"distribution\": \"k\", \"verifier\": \"exact\", \"note\": 1}}");
        Assert.Equal(2, prompts.Count);
        Assert.Equal(TaskPrompt.MakeId("add/1", "2+2="), prompts[0].Id);
        Assert.Equal("x", prompts[1].Id);
    }

    [Theory]
    [InlineData("""{"prompt": "2+2=", "distribution": "d", "verifier": "numeric"}""", "data.jsonl:2: field 'answer': missing")]
    [InlineData("""{"prompt": "2+2=", "answer": "4", "distribution": "d", "verifier": "fuzzy"}""", "data.jsonl:2: field 'verifier': unknown verifier 'fuzzy'; known: exact, final_answer, numeric")]
    [InlineData("""{"prompt": "2+2=", "answer": "four", "distribution": "d", "verifier": "numeric"}""", "data.jsonl:2: field 'answer': the reference answer 'four' is not a number")]
    [InlineData("""{"prompt": 3, "answer": "4", "distribution": "d", "verifier": "numeric"}""", "data.jsonl:2: field 'prompt': must be a string, got Number")]
    [InlineData("""{"prompt": "2+2=", "answer": "4", """, "data.jsonl:2: bad JSON")]
    [InlineData("""[1, 2]""", "data.jsonl:2: expected a JSON object")]
    public void ErrorsNameTheLineAndField(string secondLine, string expectedStart)
    {
        var error = Assert.Throws<DatasetException>(() => Read($"{Good}\n{secondLine}"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("""{"prompt": "2+2=", "answer": "4", """, "the line ends before its object is closed")]
    [InlineData("""{prompt: "2+2="}""", "expected a field name in double quotes (column 2)")]
    [InlineData("""{"prompt" "2+2="}""", "expected ':' after the field name")]
    [InlineData("""{"prompt": "2+2=" "answer": "4"}""", "expected ',' or the closing bracket after a value")]
    [InlineData("""{"prompt": '2+2='}""", "expected a value")]
    [InlineData("""{"prompt": "2+2=",}""", "a trailing comma")]
    public void MalformedJsonIsSaidInTheUsersTermsWithItsColumn(string secondLine, string expected)
    {
        var error = Assert.Throws<DatasetException>(() => Read($"{Good}\n{secondLine}"));

        Assert.StartsWith("data.jsonl:2: bad JSON: " + expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("(column ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadLineIsReportedAtOnceTheFirstTwentyThenACount()
    {
        var bad = """{"prompt": "2+2=", "distribution": "d", "verifier": "numeric"}""";
        var error = Assert.Throws<DatasetException>(() => Read(string.Join("\n", [Good, .. Enumerable.Repeat(bad, 25), "[1]"])));

        Assert.Equal(26, error.Count);
        Assert.Equal(DatasetException.MaxListed, error.Errors.Count);
        Assert.Equal(Enumerable.Range(2, DatasetException.MaxListed), error.Errors.Select(e => e.Line));
        Assert.All(error.Errors, e => Assert.Equal("answer", e.Field));
        Assert.StartsWith("data.jsonl: 26 bad lines:\n  data.jsonl:2: field 'answer': missing", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("... and 6 more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARepeatedRecordIsKeptOnceAndARepeatedPromptWithAnotherAnswerNamesBothLines()
    {
        var other = """{"prompt": "3+3=", "answer": "6", "distribution": "add/1", "verifier": "numeric"}""";
        var merged = ReadRecords($"{Good}\n{other}\n{Good}\n{Good}");
        Assert.Equal(2, merged.Prompts.Count);
        Assert.Equal(2, merged.MergedRepeats);
        Assert.Equal(0, ReadRecords($"{Good}\n{other}").MergedRepeats);

        var conflicting = """{"prompt": "2+2=", "answer": "5", "distribution": "add/1", "verifier": "numeric"}""";
        var error = Assert.Throws<DatasetException>(() => Read($"{Good}\n{other}\n{conflicting}"));
        Assert.Equal(
            "data.jsonl:3: field 'answer': the same prompt and distribution as line 1, but answer '4' there, '5' here",
            error.Message);
    }

    [Theory]
    [InlineData("""{"id": "a", "prompt": "6+6=", "answer": "12", "distribution": "d", "verifier": "numeric"}""",
        """{"prompt": "6+6=", "answer": "13", "distribution": "d", "verifier": "numeric"}""")]
    [InlineData("""{"prompt": "6+6=", "answer": "12", "distribution": "d", "verifier": "numeric"}""",
        """{"id": "b", "prompt": "6+6=", "answer": "13", "distribution": "d", "verifier": "numeric"}""")]
    [InlineData("""{"id": "a", "prompt": "6+6=", "answer": "12", "distribution": "d", "verifier": "numeric"}""",
        """{"id": "b", "prompt": "6+6=", "answer": "13", "distribution": "d", "verifier": "numeric"}""")]
    public void ContradictoryAnswersToOnePromptAreRefusedWhateverTheIdsNamingBothLines(string first, string contradiction)
    {
        var other = """{"prompt": "3+3=", "answer": "6", "distribution": "d", "verifier": "numeric"}""";

        var error = Assert.Throws<DatasetException>(() => Read($"{first}\n{other}\n{contradiction}"));

        Assert.Equal(3, error.Line);
        Assert.Equal("answer", error.Errors.Single().Field);
        Assert.Contains("the same prompt and distribution as line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("answer '12' there, '13' here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePromptUnderTwoIdsWithOneAnswerOrInTwoDistributionsIsAccepted()
    {
        var records = ReadRecords(
            """{"id": "a", "prompt": "6+6=", "answer": "12", "distribution": "d", "verifier": "numeric"}""" + "\n" +
            """{"id": "b", "prompt": "6+6=", "answer": "12", "distribution": "d", "verifier": "numeric"}""" + "\n" +
            """{"id": "c", "prompt": "6+6=", "answer": "13", "distribution": "base-13", "verifier": "numeric"}""");

        Assert.Equal(["a", "b", "c"], records.Prompts.Select(p => p.Id));
    }

    [Fact]
    public void AnIdGivenTwiceToDifferentRecordsNamesBothLines()
    {
        var error = Assert.Throws<DatasetException>(() => Read(
            """{"id": "x", "prompt": "2+2=", "answer": "4", "distribution": "d", "verifier": "numeric"}""" + "\n" +
            """{"id": "x", "prompt": "3+3=", "answer": "6", "distribution": "d", "verifier": "numeric"}"""));
        Assert.Equal(2, error.Line);
        Assert.Equal("id", error.Errors[0].Field);
        Assert.Contains("the same id 'x' as line 1", error.Message);
    }

    [Fact]
    public void DatasetCatalogHoldsOutDisjointPrompts()
    {
        var lines = Enumerable.Range(0, 200).Select(i =>
            $$"""{"prompt": "{{i}}+0=", "answer": "{{i}}", "distribution": "{{(i % 2 == 0 ? "even" : "odd")}}", "verifier": "numeric"}""");
        var catalog = TaskCatalog.FromDataset(Read(string.Join("\n", lines)), seed: 1, evaluationSize: 5, evaluationFraction: 0.2);
        Assert.Equal(["even", "odd"], catalog.DistributionNames);
        foreach (var pool in catalog.Distributions)
        {
            Assert.InRange(pool.Evaluation.Count, 1, 5);
            Assert.Empty(pool.Training.Select(p => p.Id).Intersect(pool.Evaluation.Select(p => p.Id)));
        }
    }

    private static IReadOnlyList<TaskPrompt> Read(string text) => ReadRecords(text).Prompts;

    private static DatasetRecords ReadRecords(string text) =>
        JsonlDataset.Read(new StringReader(text), "data.jsonl", VerifierRegistry.CreateDefault());
}
