using System.Security.Cryptography;
using System.Text;

namespace NewsAlerts.Core.Articles;

/// <summary>Derives short, stable, storage-safe article ids.</summary>
public static class ArticleId
{
    /// <summary>An id from the source and the item's own key (its guid, else its link, else its title).</summary>
    public static string From(string sourceId, string itemKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceId}\n{itemKey}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
