namespace Rlvr.Torch.Tests;

public sealed class CharTokenizerTests
{
    [Fact]
    public void RoundTripsPrintableTextAndSkipsSpecialTokens()
    {
        const string text = "12+34=46\nAbc ~";
        var ids = CharTokenizer.Encode(text, withBegin: true);

        Assert.Equal(CharTokenizer.BeginToken, ids[0]);
        Assert.All(ids, id => Assert.InRange(id, 0, CharTokenizer.VocabSize - 1));
        Assert.Equal(text, CharTokenizer.Decode([.. ids, CharTokenizer.EndToken]));
    }

    [Fact]
    public void RejectsCharactersOutsideTheAlphabetNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => CharTokenizer.Encode("ab\u00e9"));
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
    }
}
