namespace NewsAlerts.Core.Matching.Query;

/// <summary>Which text fields a text clause looks at.</summary>
[Flags]
public enum TextFields
{
    Title = 1,
    Body = 2,
    Any = Title | Body,
}

/// <summary>A parsed query (the syntax tree); <see cref="Text"/> is the clause as the user wrote it.</summary>
/// <param name="Position">0-based char index of the clause in the query.</param>
public abstract record QueryNode(string Text, int Position);

/// <summary>A word, or with <paramref name="IsPrefix"/> a <c>word*</c> prefix wildcard.</summary>
public sealed record WordNode(string Text, int Position, string Word, bool IsPrefix, TextFields Fields) : QueryNode(Text, Position);

/// <summary>A <c>"quoted phrase"</c>: its words in order, next to each other.</summary>
public sealed record PhraseNode(string Text, int Position, string Phrase, TextFields Fields) : QueryNode(Text, Position);

/// <summary>An <c>@name</c> alias group from the config.</summary>
public sealed record AliasNode(string Text, int Position, string Name, TextFields Fields) : QueryNode(Text, Position);

public sealed record AndNode(string Text, int Position, IReadOnlyList<QueryNode> Children) : QueryNode(Text, Position);

public sealed record OrNode(string Text, int Position, IReadOnlyList<QueryNode> Children) : QueryNode(Text, Position);

public sealed record NotNode(string Text, int Position, QueryNode Child) : QueryNode(Text, Position);

/// <summary><c>a NEAR/n b</c>: both within <paramref name="Distance"/> words of each other, either order.</summary>
public sealed record NearNode(string Text, int Position, QueryNode Left, QueryNode Right, int Distance) : QueryNode(Text, Position);

/// <summary><c>source:id</c>: the article came from that source.</summary>
public sealed record SourceNode(string Text, int Position, string SourceId) : QueryNode(Text, Position);

/// <summary><c>lang:xx</c>: the article's language (from analysis, else the feed's hint).</summary>
public sealed record LangNode(string Text, int Position, string Language) : QueryNode(Text, Position);

/// <summary><c>entity:Name</c> or <c>entity:Category:"Name"</c>: the analyzer found such an entity.</summary>
public sealed record EntityNode(string Text, int Position, string? Category, string Name) : QueryNode(Text, Position);

/// <summary><c>sentiment:negative</c> and the like.</summary>
public sealed record SentimentNode(string Text, int Position, Analysis.SentimentLabel Label) : QueryNode(Text, Position);
