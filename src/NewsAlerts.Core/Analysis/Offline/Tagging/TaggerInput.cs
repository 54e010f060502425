namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>One text as the tagger reads it: tokens, their words, and sentences as token ranges.</summary>
internal sealed class TaggerInput
{
    public TaggerInput(string text, List<Token> tokens)
    {
        Text = text;
        Tokens = tokens;
        Words = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            Words[i] = tokens[i].Text(text);
        }

        Sentences = SentenceSplitter.Split(text, tokens);
    }

    public string Text { get; }

    public List<Token> Tokens { get; }

    public string[] Words { get; }

    public List<(int Start, int End)> Sentences { get; }
}
