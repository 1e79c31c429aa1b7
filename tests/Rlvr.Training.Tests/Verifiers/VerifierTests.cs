using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tests.Verifiers;

public class VerifierTests
{
    [Theory]
    [InlineData("AC", "AC", 1.0)]
    [InlineData(" AC \n", "AC", 1.0)]
    [InlineData("CA", "AC", 0.0)]
    [InlineData("", "AC", 0.0)]
    public void ExactMatchComparesTrimmedText(string completion, string reference, double reward) =>
        Assert.Equal(reward, new ExactMatchVerifier().Verify(completion, reference).Reward);

    [Theory]
    [InlineData("0000168", "168", 1.0)]
    [InlineData(" 168 ", "0168", 1.0)]
    [InlineData("168.0", "168", 1.0)]
    [InlineData("-5", "-005", 1.0)]
    [InlineData("169", "168", 0.0)]
    public void NumericComparesValues(string completion, string reference, double reward) =>
        Assert.Equal(reward, new NumericVerifier().Verify(completion, reference).Reward);

    [Theory]
    [InlineData("1+2")]
    [InlineData("")]
    [InlineData("12a")]
    public void UnparsableCompletionScoresZeroWithAReason(string completion)
    {
        var verdict = new NumericVerifier().Verify(completion, "3");
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("not a number", verdict.Reason);
    }

    [Theory]
    [InlineData("3+4=7", "7", 1.0)]
    [InlineData("x=3, so y = 07", "7", 1.0)]
    [InlineData("so #AC", "AC", 1.0)]
    [InlineData("3+4=8", "7", 0.0)]
    public void FinalAnswerTakesTheTextAfterTheLastMarker(string completion, string reference, double reward) =>
        Assert.Equal(reward, new FinalAnswerVerifier().Verify(completion, reference).Reward);

    [Fact]
    public void FinalAnswerWithoutMarkerScoresZeroWithAReason()
    {
        var verdict = new FinalAnswerVerifier().Verify("7", "7");
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("no final answer", verdict.Reason);
    }

    [Fact]
    public void ReferenceChecksRejectWhatTheVerifierCannotScore()
    {
        Assert.NotNull(new NumericVerifier().CheckReference("seven"));
        Assert.Null(new NumericVerifier().CheckReference("007"));
        Assert.NotNull(new ExactMatchVerifier().CheckReference("  "));
    }

    [Fact]
    public void RegistryListsKnownNamesForAnUnknownOne()
    {
        var registry = VerifierRegistry.CreateDefault();
        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("fuzzy"));
        Assert.Contains("exact, final_answer, numeric", error.Message);
        Assert.Throws<ArgumentException>(() => registry.Register(new ExactMatchVerifier()));
    }
}
