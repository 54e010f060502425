using NewsAlerts.Core.Matching.Compiled;
using NewsAlerts.Core.Matching.Text;
using static NewsAlerts.Core.Tests.Matching.MatcherHarness;

namespace NewsAlerts.Core.Tests.Matching;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("Russia's delegation", "russia|delegation")]
    [InlineData("Russia’s delegation", "russia|delegation")]
    [InlineData("Russia-Hamas talks", "russia|hamas|talks")]
    [InlineData("ZÜRICH Café São Paulo", "zurich|cafe|sao|paulo")]
    [InlineData("Straße Łódź Ærø", "strasse|lodz|aero")]
    [InlineData("inflation fell to 2.4% from 4.5%", "inflation|fell|to|2.4|from|4.5")]
    [InlineData("2,000 people; 31 to 12.", "2000|people|31|to|12")]
    [InlineData("O'Brien said: \"no\"", "obrien|said|no")]
    [InlineData("ministers' meeting (Oct. 26)", "ministers|meeting|oct|26")]
    [InlineData("covid-19/sars", "covid|19|sars")]
    public void TokenReader_SplitsAndFolds(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', WordList.Of(text)));
    }

    [Fact]
    public void TokenReader_ReportsOriginalOffsets_WithoutPossessive()
    {
        const string text = "Putin’s spokesman";
        Span<char> buffer = stackalloc char[TokenReader.MaxTokenLength];
        var reader = new TokenReader(text, buffer);

        Assert.True(reader.Read());
        Assert.Equal("Putin", text.Substring(reader.Start, reader.Length));
        Assert.True(reader.Read());
        Assert.Equal("spokesman", text.Substring(reader.Start, reader.Length));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("delegation", "delegations")]
    [InlineData("visit", "visited")]
    [InlineData("visit", "visiting")]
    [InlineData("minister", "ministers")]
    [InlineData("running", "runs")]
    [InlineData("agreed", "agreeing")]
    public void Stemmer_GivesWordFormsOneStem(string word, string form)
    {
        Assert.Equal(EnglishStems.Stem(word), EnglishStems.Stem(form));
    }

    [Theory]
    [InlineData("delegation", "Delegations arrive")]
    [InlineData("visit", "He visited Moscow")]
    [InlineData("delegations visited", "The delegation visits")]
    [InlineData("\"Hamas delegations\"", "the Hamas delegation")]
    [InlineData("zurich", "Zürich")]
    [InlineData("Russia", "Russia's gas")]
    [InlineData("\"Russia Hamas\"", "Russia-Hamas talks")]
    [InlineData("Russia-Hamas", "Russia Hamas talks")]
    [InlineData("2.4", "fell to 2.4%")]
    public void Match_UsesFoldingAndStems(string query, string title)
    {
        Assert.True(Matches(query, title));
    }

    [Theory]
    [InlineData("minister", "ministry")]
    [InlineData("EU", "Europe in Neuilly")]
    [InlineData("2.4", "2 or 4")]
    public void Match_DoesNotMatchOtherWords(string query, string title)
    {
        Assert.False(Matches(query, title));
    }
}
