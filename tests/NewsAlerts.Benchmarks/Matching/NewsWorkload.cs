using System.Text;
using NewsAlerts.Core.Analysis;
using NewsAlerts.Core.Articles;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Benchmarks.Matching;

/// <summary>
/// Seeded, repeatable benchmark input: news-like articles of about 4 KB and watchlists with a mix of operators, drawn
/// from <see cref="NewsVocabulary"/>. Each article is about one topic (a run of news words) and touches a second;
/// article words follow a Zipf distribution within their list; watchlist words are spread evenly over
/// the vocabulary, half of them names from the long tail. Two watchlist mixes: <see cref="WatchlistMix.Broad"/>
/// (any word anywhere, so many watchlists are only common news words) and <see cref="WatchlistMix.Specific"/>
/// (every watchlist requires at least one name, as media-monitoring watchlists track a company, person or place).
/// </summary>
internal sealed class NewsWorkload
{
    public const int LongTailSize = 20_000;

    /// <summary>The news words are listed roughly by subject; consecutive runs of this many words make a topic.</summary>
    public const int TopicSize = 40;
    public static readonly string[] Sources = ["wire-1", "wire-2", "wire-3", "blog-1", "paper-1"];

    private readonly string[] _longTail;
    private readonly ZipfSampler _functionWords;
    private readonly ZipfSampler _newsWords;
    private readonly ZipfSampler[] _topics;
    private readonly ZipfSampler _geography;
    private readonly ZipfSampler _names;
    private readonly ZipfSampler _longTailWords;

    public NewsWorkload(int seed = 20261202)
    {
        _longTail = NewsVocabulary.LongTail(LongTailSize, new Random(seed));
        _functionWords = new ZipfSampler(NewsVocabulary.FunctionWords);
        _newsWords = new ZipfSampler(NewsVocabulary.NewsWords);
        _topics = [.. NewsVocabulary.NewsWords.Chunk(TopicSize).Select(words => new ZipfSampler(words))];
        _geography = new ZipfSampler(NewsVocabulary.Geography);
        _names = new ZipfSampler([.. NewsVocabulary.Surnames, .. NewsVocabulary.Organisations]);
        _longTailWords = new ZipfSampler(_longTail);
    }

    /// <summary><paramref name="count"/> articles whose bodies run to about <paramref name="bodyChars"/> characters.</summary>
    public List<Article> Articles(int count, int seed = 7, int bodyChars = 4000)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Article(random, i, bodyChars))];
    }

    public NewsAlertsConfig Config(int watchlists, WatchlistMix mix = WatchlistMix.Broad, int seed = 11)
    {
        var random = new Random(seed);
        return new NewsAlertsConfig
        {
            Watchlists = [.. Enumerable.Range(0, watchlists).Select(i => new WatchlistConfig { Id = $"w{i}", Name = $"w{i}", Query = Query(random, mix) })],
        };
    }

    private Article Article(Random random, int index, int bodyChars)
    {
        var topic = _topics[random.Next(_topics.Length)];
        var secondTopic = _topics[random.Next(_topics.Length)];
        string Word() => ArticleWord(random, topic, secondTopic);
        var body = new StringBuilder(bodyChars + 400);
        var sentencesPerParagraph = bodyChars >= 2000 ? 4 : 2; // wire items of a few hundred words have short paragraphs
        while (body.Length < bodyChars)
        {
            for (var s = 0; s < sentencesPerParagraph; s++)
            {
                body.Append(Sentence(random, random.Next(14, 26), Word)).Append(' ');
            }

            body.Length--;
            body.Append("\n\n");
        }

        var sentiment = (SentimentLabel)random.Next(4);
        return new Article
        {
            Id = $"a{index}",
            SourceId = Sources[random.Next(Sources.Length)],
            Title = Sentence(random, random.Next(7, 13), Word).TrimEnd('.'),
            Body = body.ToString().TrimEnd(),
            Analysis = new ArticleAnalysis("en", new Sentiment(sentiment, 0, 1, 0), [], "benchmark"),
        };
    }

    private static string Sentence(Random random, int words, Func<string> next)
    {
        var sentence = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            var word = next();
            if (w == 0)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            sentence.Append(word);
            var r = random.NextDouble();
            sentence.Append(r < 0.02 ? "'s " : r < 0.03 ? "-" : r < 0.08 ? ", " : " ");
        }

        sentence.Length--;
        return sentence.Append('.').ToString();
    }

    /// <summary>An article is about one topic, touches a second, and uses a few general news words.</summary>
    private string ArticleWord(Random random, ZipfSampler topic, ZipfSampler secondTopic) => random.NextDouble() switch
    {
        < 0.42 => _functionWords.Next(random),
        < 0.66 => topic.Next(random),
        < 0.74 => secondTopic.Next(random),
        < 0.78 => _newsWords.Next(random),
        < 0.85 => _geography.Next(random),
        < 0.91 => _names.Next(random),
        _ => _longTailWords.Next(random),
    };

    /// <summary>Watchlist words: spread evenly over each list, half of them long-tail names.</summary>
    private string QueryWord(Random random) => random.NextDouble() switch
    {
        < 0.50 => _longTail[random.Next(_longTail.Length)],
        < 0.78 => NewsVocabulary.NewsWords[random.Next(NewsVocabulary.NewsWords.Length)],
        < 0.88 => NewsVocabulary.Geography[random.Next(NewsVocabulary.Geography.Length)],
        _ => _names.Items[random.Next(_names.Items.Length)],
    };

    /// <summary>
    /// A query with the operator mix of the docs. In the specific mix the word marked N is always a name (long-tail
    /// name, surname or organisation), so every watchlist requires one; in the broad mix it is any word.
    /// </summary>
    private string Query(Random random, WatchlistMix mix)
    {
        string W() => QueryWord(random);
        string N() => mix == WatchlistMix.Specific ? NameWord(random) : QueryWord(random);
        return random.NextDouble() switch
        {
            < 0.30 => $"{N()} {W()}",
            < 0.45 => $"{N()} {W()} {W()}",
            < 0.57 => $"\"{W()} {W()}\" {N()}",
            < 0.67 => $"({W()} OR {W()} OR {W()}) {N()}",
            < 0.75 => $"{N()} {W()} -{W()}",
            < 0.82 => $"{Prefix(random)}* {N()}",
            < 0.88 => $"{N()} NEAR/5 {W()}",
            < 0.93 => $"title:{W()} {N()}",
            < 0.95 => $"{N()} sentiment:negative",
            < 0.97 => $"source:{Sources[random.Next(Sources.Length)]} {N()}",
            _ => N(),
        };
    }

    /// <summary>A name a watchlist tracks: 80% from the long tail, 20% well-known surnames and organisations.</summary>
    private string NameWord(Random random) =>
        random.NextDouble() < 0.8 ? _longTail[random.Next(_longTail.Length)] : _names.Items[random.Next(_names.Items.Length)];

    /// <summary>A word of five letters or more without its last two: <c>inflati*</c>.</summary>
    private string Prefix(Random random)
    {
        var word = QueryWord(random);
        while (word.Length < 5)
        {
            word = QueryWord(random);
        }

        return word[..^2];
    }

    /// <summary>Draws items with probability proportional to 1 / rank.</summary>
    private sealed class ZipfSampler(string[] items)
    {
        private readonly double[] _cumulative = Cumulative(items.Length);

        public string[] Items => items;

        public string Next(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            return items[Math.Min(index < 0 ? ~index : index, items.Length - 1)];
        }

        private static double[] Cumulative(int count)
        {
            var cumulative = new double[count];
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }

            return cumulative;
        }
    }
}

/// <summary>How watchlist words are drawn (see <see cref="NewsWorkload"/>).</summary>
public enum WatchlistMix
{
    /// <summary>Every word from the whole mix: many watchlists are only common news words (1.2% match each article).</summary>
    Broad,

    /// <summary>Every watchlist requires at least one name, as real media-monitoring watchlists do.</summary>
    Specific,
}
