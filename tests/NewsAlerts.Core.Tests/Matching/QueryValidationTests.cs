using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching;
using NewsAlerts.Core.Matching.Query;

namespace NewsAlerts.Core.Tests.Matching;

public sealed class QueryValidationTests
{
    private static QueryException Refused(string query, NewsAlertsConfig? config = null) =>
        Assert.Throws<QueryException>(() => WatchlistQueries.Check(query, config));

    [Theory]
    [InlineData("Hamas (delegation", "missing ')'", 6)]
    [InlineData("Hamas delegation)", "unexpected ')'", 16)]
    [InlineData("\"Hamas delegation", "unclosed quote", 0)]
    [InlineData("Hamas OR", "OR needs a clause", 6)]
    [InlineData("OR Hamas", "'OR' needs a clause before it", 0)]
    [InlineData("Hamas AND", "AND needs a clause", 6)]
    [InlineData("Hamas NOT", "'NOT' needs a clause", 6)]
    [InlineData("Hamas NEAR/x Russia", "needs a number", 6)]
    [InlineData("Hamas NEAR/99 Russia", "NEAR/99 is too far", 6)]
    [InlineData("()", "empty parentheses", 0)]
    [InlineData("ru*ssia", "may only end a word", 2)]
    public void Parse_SyntaxError_NamesProblemAndPosition(string query, string problem, int position)
    {
        var error = Refused(query);

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Message_PutsCaretUnderThePosition()
    {
        var error = Refused("Hamas (delegation");

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("    Hamas (delegation", lines[1]);
        Assert.Equal("          ^", lines[2]);
        Assert.Contains("(at position 7)", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_IsNamed_WithTheKnownOnes()
    {
        var error = Refused("headline:Hamas");

        Assert.Contains("unknown field 'headline:'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("title:", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAlias_IsNamed_WithTheKnownOnes()
    {
        var config = new NewsAlertsConfig { Aliases = new Dictionary<string, IReadOnlyList<string>> { ["kremlin"] = ["Kremlin"] } };

        var error = Refused("@russia gas", config);

        Assert.Contains("unknown alias '@russia'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("@kremlin", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyQuery_IsRefused(string query)
    {
        Assert.Contains("empty", Refused(query).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryOverSizeLimit_IsRefused()
    {
        var query = string.Join(' ', Enumerable.Repeat("ceasefire", 120));

        Assert.Contains($"the limit is {QueryLimits.MaxQueryLength}", Refused(query).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyClauses_AreRefused()
    {
        var query = string.Join(' ', Enumerable.Range(0, QueryLimits.MaxClauses + 1).Select(i => $"w{i}"));

        Assert.Contains($"more than {QueryLimits.MaxClauses} clauses", Refused(query).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a*")]
    [InlineData("ru*")]
    [InlineData("title:r*")]
    public void ShortWildcard_IsRefused_AsExpandingTooFar(string query)
    {
        Assert.Contains("would expand to too many words", Refused(query).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sentiment:angry", "unknown sentiment 'angry'")]
    [InlineData("entity:Animal:Cat", "unknown entity category 'Animal'")]
    [InlineData("source:", "needs a value")]
    [InlineData("!!!", "has no letters or digits")]
    [InlineData("Timor-Les*", "spans several words")]
    [InlineData("(a OR b) NEAR/3 (c d)", "NEAR works on words")]
    [InlineData("title:body:x", "inside another")]
    public void BadClause_IsRefused(string query, string problem)
    {
        Assert.Contains(problem, Refused(query).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hamas delegation Russia")]
    [InlineData("(Hamas OR Hezbollah) AND -Israel NOT Gaza")]
    [InlineData("\"climate target\" title:EU body:(emissions OR carbon)")]
    [InlineData("ceasefire NEAR/5 Gaza NEAR hostages")]
    [InlineData("source:sample-world lang:en sentiment:negative")]
    [InlineData("entity:Putin entity:Person:\"Vladimir Putin\" entity:\"Maria Zakharova\" entity:Location:Moscow")]
    [InlineData("covid-19 inflat*")]
    public void ValidQueries_Compile(string query)
    {
        WatchlistQueries.Check(query);
    }

    [Fact]
    public void Validate_ListsEveryBadWatchlist()
    {
        var config = new NewsAlertsConfig
        {
            Watchlists =
            [
                new WatchlistConfig { Id = "a", Name = "a", Query = "Hamas (" },
                new WatchlistConfig { Id = "b", Name = "b", Query = "fine" },
                new WatchlistConfig { Id = "c", Name = "c", Query = "@nope" },
            ],
        };

        var errors = WatchlistQueries.Validate(config);

        Assert.Equal(["a", "c"], errors.Select(e => e.WatchlistId));
    }
}
