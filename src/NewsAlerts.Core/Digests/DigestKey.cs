using System.Security.Cryptography;
using System.Text;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// Names one digest: a subscriber and a period (such as <c>daily:2026-11-25T07:00Z</c>, <c>instant:BATCH</c>, or
/// <c>urgent:ARTICLE</c> for an urgent alert). Small enough for a queue message; the same key always gives the same <see cref="DigestId"/>.
/// </summary>
public sealed record DigestKey(string SubscriberId, string Period)
{
    private const string UrgentPrefix = "urgent:";

    public string DigestId
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{SubscriberId}\n{Period}"));
            return Convert.ToHexStringLower(hash.AsSpan(0, 10));
        }
    }

    public bool IsUrgent => Period.StartsWith(UrgentPrefix, StringComparison.Ordinal);

    /// <summary>The article of an urgent alert; null for a scheduled digest.</summary>
    public string? UrgentArticleId => IsUrgent ? Period[UrgentPrefix.Length..] : null;

    public static DigestKey Urgent(string subscriberId, string articleId) => new(subscriberId, UrgentPrefix + articleId);

    public static DigestKey Scheduled(string subscriberId, ScheduleKind kind, DateTimeOffset boundary) =>
        new(subscriberId, $"{kind.ToString().ToLowerInvariant()}:{boundary.UtcDateTime:yyyy-MM-dd'T'HH:mm}Z");

    /// <summary>
    /// An instant digest, named by the alerts waiting when it was found due: every run with something new names a new
    /// digest, while two runs that find the same batch (a second timer tick, a restart) name the same one.
    /// <paramref name="retry"/> moves past digests of this batch that settled without delivering it (a failed send hands
    /// its alerts back, so the same batch waits again).
    /// </summary>
    public static DigestKey Instant(string subscriberId, IEnumerable<string> pendingArticleIds, int retry)
    {
        var batch = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', pendingArticleIds.Order(StringComparer.Ordinal))));
        var suffix = retry == 0 ? "" : $".{retry}";
        return new(subscriberId, $"instant:{Convert.ToHexStringLower(batch.AsSpan(0, 8))}{suffix}");
    }
}
