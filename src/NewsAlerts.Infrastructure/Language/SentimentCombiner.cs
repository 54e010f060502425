using NewsAlerts.Core.Analysis;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>One sentiment for a document analysed in chunks: scores averaged by chunk length; positive and negative chunks together make it mixed.</summary>
public static class SentimentCombiner
{
    public static Sentiment Combine(IReadOnlyList<(Sentiment Sentiment, int Length)> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0].Sentiment;
        }

        double total = Math.Max(1, parts.Sum(p => p.Length));
        var positive = parts.Sum(p => p.Sentiment.Positive * p.Length) / total;
        var neutral = parts.Sum(p => p.Sentiment.Neutral * p.Length) / total;
        var negative = parts.Sum(p => p.Sentiment.Negative * p.Length) / total;
        var labels = parts.Select(p => p.Sentiment.Label).ToHashSet();
        var label = labels switch
        {
            _ when labels.Contains(SentimentLabel.Mixed) || (labels.Contains(SentimentLabel.Positive) && labels.Contains(SentimentLabel.Negative)) => SentimentLabel.Mixed,
            { Count: 1 } => labels.Single(),
            _ when positive >= neutral && positive >= negative => SentimentLabel.Positive,
            _ when negative >= neutral => SentimentLabel.Negative,
            _ => SentimentLabel.Neutral,
        };
        return new Sentiment(label, positive, neutral, negative);
    }
}
