namespace NewsAlerts.Core.Ingestion;

/// <summary>
/// The form of an article URL used to recognise the same page: lower-case scheme and host, no default port, no
/// fragment, and no tracking parameters (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c> and friends). Other parameters keep
/// their order, since some sites route on them.
/// </summary>
public static class CanonicalUrl
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wt.mc_id", "cmpid", "ocid",
    };

    /// <summary>The canonical text of <paramref name="url"/>; empty for null.</summary>
    public static string From(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return "";
        }

        var builder = new UriBuilder(url) { Fragment = "", Host = url.Host.ToLowerInvariant(), Scheme = url.Scheme.ToLowerInvariant() };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        builder.Query = CleanQuery(url.Query);
        return builder.Uri.AbsoluteUri;
    }

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(Uri.UnescapeDataString(pair.Split('=')[0])));
        return string.Join('&', kept);
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
}
