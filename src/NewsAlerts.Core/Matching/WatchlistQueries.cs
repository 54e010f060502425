using NewsAlerts.Core.Configuration;
using NewsAlerts.Core.Matching.Compiled;
using NewsAlerts.Core.Matching.Query;

namespace NewsAlerts.Core.Matching;

/// <summary>A watchlist whose query does not compile: its index in the config and the problem.</summary>
public sealed record WatchlistQueryError(int Index, string WatchlistId, QueryException Error);

/// <summary>Compiles every watchlist query of a config, collecting every error rather than stopping at the first.</summary>
public static class WatchlistQueries
{
    /// <summary>Checks every query; returns the problems (empty when all compile).</summary>
    public static IReadOnlyList<WatchlistQueryError> Validate(NewsAlertsConfig config)
    {
        var errors = new List<WatchlistQueryError>();
        Compile(config, new TermTable(), errors);
        return errors;
    }

    /// <summary>Parses and compiles one query with the config's aliases; throws <see cref="QueryException"/>.</summary>
    public static void Check(string query, NewsAlertsConfig? config = null, bool geoAliases = true) =>
        new QueryCompiler(new TermTable(), config?.Aliases ?? new Dictionary<string, IReadOnlyList<string>>(), geoAliases, query)
            .Compile(QueryParser.Parse(query));

    internal static List<CompiledWatchlist> Compile(NewsAlertsConfig config, TermTable terms, List<WatchlistQueryError> errors)
    {
        var compiled = new List<CompiledWatchlist>(config.Watchlists.Count);
        for (var i = 0; i < config.Watchlists.Count; i++)
        {
            var watchlist = config.Watchlists[i];
            try
            {
                var compiler = new QueryCompiler(terms, config.Aliases, watchlist.GeoAliases, watchlist.Query);
                compiled.Add(new CompiledWatchlist(watchlist.Id, compiler.Compile(QueryParser.Parse(watchlist.Query)), watchlist.MinScore));
            }
            catch (QueryException error)
            {
                errors.Add(new WatchlistQueryError(i, watchlist.Id, error));
            }
        }

        return compiled;
    }
}
