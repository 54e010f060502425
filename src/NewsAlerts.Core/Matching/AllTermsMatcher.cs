using System.Text.RegularExpressions;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Matching;

/// <summary>
/// First matcher: a watchlist matches when every whitespace-separated term of its query appears as a whole word
/// in the title or body, ignoring case. Title hits score more than body hits.
/// </summary>
public sealed class AllTermsMatcher : IWatchlistMatcher
{
    private readonly List<(string Id, Regex[] Terms, string[] Words)> _watchlists;

    private AllTermsMatcher(IEnumerable<WatchlistConfig> watchlists)
    {
        _watchlists = watchlists
            .Select(w => (w.Id, Words: w.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Select(w => (w.Id, w.Words.Select(WholeWord).ToArray(), w.Words))
            .ToList();
    }

    public IReadOnlyList<WatchlistMatch> Match(Article article)
    {
        var matches = new List<WatchlistMatch>();
        foreach (var (id, terms, words) in _watchlists)
        {
            var highlights = new List<Highlight>();
            var score = 0.0;
            var all = true;
            for (var i = 0; i < terms.Length && all; i++)
            {
                var inTitle = Find(terms[i], article.Title, ArticleFields.Title, words[i]);
                var inBody = Find(terms[i], article.Body, ArticleFields.Body, words[i]);
                all = inTitle.Count + inBody.Count > 0;
                highlights.AddRange(inTitle);
                highlights.AddRange(inBody);
                score += (inTitle.Count > 0 ? 2.0 : 0) + Math.Log(1 + inBody.Count);
            }

            if (all && terms.Length > 0)
            {
                matches.Add(new WatchlistMatch(id, Math.Round(score, 3), highlights));
            }
        }

        return matches;
    }

    /// <summary>This matcher uses no analysis, so a candidate is simply an article that matches.</summary>
    public bool MayMatch(Article article) => Match(article).Count > 0;

    private static List<Highlight> Find(Regex term, string text, string field, string word) =>
        term.Matches(text).Select(m => new Highlight(field, m.Index, m.Length, word)).ToList();

    private static Regex WholeWord(string word) =>
        new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Builds <see cref="AllTermsMatcher"/> instances.</summary>
    public sealed class Factory : IWatchlistMatcherFactory
    {
        public IWatchlistMatcher Create(NewsAlertsConfig config) => new AllTermsMatcher(config.Watchlists);
    }
}
