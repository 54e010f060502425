namespace NewsAlerts.Core.Matching.Compiled;

/// <summary>A watchlist's query compiled once, with its minimum score.</summary>
internal sealed record CompiledWatchlist(string Id, Clause Root, double MinScore);
