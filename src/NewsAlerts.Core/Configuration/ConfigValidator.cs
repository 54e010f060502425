using System.Net.Mail;
using System.Text.RegularExpressions;
using NewsAlerts.Core.Digests;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Matching;

namespace NewsAlerts.Core.Configuration;

/// <summary>Checks a deserialised config as a whole and resolves source locations; lists every problem, not just the first.</summary>
internal sealed partial class ConfigValidator
{
    private readonly List<ConfigError> _errors = [];
    private readonly NewsAlertsConfig _config;
    private readonly JsonLineMap _lines;

    private ConfigValidator(NewsAlertsConfig config, JsonLineMap lines)
    {
        _config = config;
        _lines = lines;
    }

    public static NewsAlertsConfig Validate(NewsAlertsConfig config, JsonLineMap lines, string baseDirectory)
    {
        var validator = new ConfigValidator(config, lines);
        var sources = validator.CheckSources(baseDirectory);
        validator.CheckWatchlists();
        validator.CheckChannels();
        validator.CheckSubscribers();
        if (validator._errors.Count > 0)
        {
            throw new ConfigException(validator._errors);
        }

        return config with { Sources = sources };
    }

    private List<SourceConfig> CheckSources(string baseDirectory)
    {
        if (_config.Sources.Count == 0)
        {
            Error("sources", "at least one source is required");
        }

        CheckUniqueIds("sources", _config.Sources.Select(s => s.Id));
        var resolved = new List<SourceConfig>();
        for (var i = 0; i < _config.Sources.Count; i++)
        {
            var source = _config.Sources[i];
            var location = ResolveLocation(source.Url, $"sources[{i}].url", baseDirectory, source.Enabled);
            CheckPositive(source.Timeout, $"sources[{i}].timeout");
            CheckPositive(source.PollInterval, $"sources[{i}].pollInterval");
            CheckPositive(source.MaxAge, $"sources[{i}].maxAge");

            resolved.Add(source with { Location = location ?? source.Location });
        }

        return resolved;
    }

    private void CheckPositive(TimeSpan? value, string field)
    {
        if (value is { } span && span <= TimeSpan.Zero)
        {
            Error(field, $"must be more than zero, not '{span}' (use {Durations.Forms})");
        }
    }

    private Uri? ResolveLocation(string url, string field, string baseDirectory, bool enabled)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            Error(field, "a feed URL or file path is required");
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !absolute.IsFile)
        {
            if (absolute.Scheme is not ("http" or "https"))
            {
                Error(field, $"unsupported scheme '{absolute.Scheme}', expected http, https or a file path");
            }

            return absolute;
        }

        var fullPath = absolute?.IsFile == true ? absolute.LocalPath : Path.GetFullPath(url, baseDirectory);
        var kind = enabled ? FeedFiles.KindOf(fullPath) : FileKind.Regular;
        if (kind == FileKind.Missing)
        {
            Error(field, $"feed file '{url}' does not exist (looked at {fullPath})");
        }
        else if (kind != FileKind.Regular)
        {
            // A FIFO would hang the run waiting for a writer, a device such as /dev/zero never ends.
            Error(field, $"feed file '{url}' is {FeedFiles.Describe(kind)}, not a regular file (looked at {fullPath})");
        }

        return new Uri(fullPath);
    }

    private void CheckWatchlists()
    {
        if (_config.Watchlists.Count == 0)
        {
            Error("watchlists", "at least one watchlist is required");
        }

        CheckUniqueIds("watchlists", _config.Watchlists.Select(w => w.Id));
        for (var i = 0; i < _config.Watchlists.Count; i++)
        {
            var watchlist = _config.Watchlists[i];
            if (string.IsNullOrWhiteSpace(watchlist.Name))
            {
                Error($"watchlists[{i}].name", "a name is required");
            }

            if (string.IsNullOrWhiteSpace(watchlist.Query))
            {
                Error($"watchlists[{i}].query", $"watchlist '{watchlist.Id}' has an empty query");
            }

            if (watchlist.MinScore < 0)
            {
                Error($"watchlists[{i}].minScore", $"must be 0 or more, not {watchlist.MinScore}");
            }
        }

        CheckQueries();
    }

    /// <summary>Compiles every query (syntax, fields, aliases, limits) and reports each bad one with a caret under the problem.</summary>
    private void CheckQueries()
    {
        foreach (var (name, entries) in _config.Aliases)
        {
            if (!AliasName().IsMatch(name))
            {
                Error("aliases", $"alias name '{name}' must be letters, digits, '_' or '-'");
            }

            if (entries.Count == 0 || entries.Any(string.IsNullOrWhiteSpace))
            {
                Error($"aliases.{name}", $"alias '@{name}' needs at least one entry and no empty ones");
            }
        }

        foreach (var error in WatchlistQueries.Validate(_config))
        {
            if (!string.IsNullOrWhiteSpace(_config.Watchlists[error.Index].Query))
            {
                Error($"watchlists[{error.Index}].query", $"watchlist '{error.WatchlistId}': {error.Error.Message}");
            }
        }
    }

    private void CheckSubscribers()
    {
        CheckUniqueIds("subscribers", _config.Subscribers.Select(s => s.Id));
        for (var i = 0; i < _config.Subscribers.Count; i++)
        {
            var subscriber = _config.Subscribers[i];
            if (subscriber.HasEmail && !MailAddress.TryCreate(subscriber.Email, out _))
            {
                Error($"subscribers[{i}].email", $"'{subscriber.Email}' is not a valid email address");
            }

            CheckDestinations(subscriber, $"subscribers[{i}]");

            if (subscriber.Watchlists.Count == 0)
            {
                Error($"subscribers[{i}].watchlists", $"subscriber '{subscriber.Id}' follows no watchlist");
            }

            CheckTiming(subscriber, $"subscribers[{i}]");
            if (subscriber.MaxItems < 1)
            {
                Error($"subscribers[{i}].maxItems", $"must be at least 1, not {subscriber.MaxItems}");
            }

            for (var j = 0; j < subscriber.Watchlists.Count; j++)
            {
                var watchlistId = subscriber.Watchlists[j];
                if (_config.FindWatchlist(watchlistId) is null)
                {
                    Error($"subscribers[{i}].watchlists[{j}]", $"subscriber '{subscriber.Id}' names unknown watchlist '{watchlistId}'");
                }
            }
        }
    }

    private void CheckDestinations(SubscriberConfig subscriber, string field)
    {
        if (!subscriber.HasEmail && subscriber.Channels.Count == 0)
        {
            Error(field, $"subscriber '{subscriber.Id}' needs an email or at least one channel");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < subscriber.Channels.Count; j++)
        {
            var channelId = subscriber.Channels[j];
            if (_config.FindChannel(channelId) is null)
            {
                Error($"{field}.channels[{j}]", $"subscriber '{subscriber.Id}' names unknown channel '{channelId}'");
            }
            else if (!seen.Add(channelId))
            {
                Error($"{field}.channels[{j}]", $"subscriber '{subscriber.Id}' names channel '{channelId}' twice");
            }
        }
    }

    /// <summary>Channels name the settings that hold their URL and secret; the values themselves never belong in the file.</summary>
    private void CheckChannels()
    {
        CheckUniqueIds("channels", _config.Channels.Select(c => c.Id));
        for (var i = 0; i < _config.Channels.Count; i++)
        {
            var channel = _config.Channels[i];
            var field = $"channels[{i}]";
            if (!ChannelConfig.TryParseType(channel.Type, out var kind))
            {
                Error($"{field}.type", $"channel '{channel.Id}' has type '{channel.Type}': use slack, teams or webhook");
                continue;
            }

            CheckSettingName(channel.UrlSetting, $"{field}.urlSetting", "URL", "https://");
            if (kind == ChannelType.Webhook && string.IsNullOrWhiteSpace(channel.SecretSetting))
            {
                Error($"{field}.secretSetting", $"webhook channel '{channel.Id}' needs secretSetting: the setting that holds its whsec_ signing secret");
            }
            else if (kind != ChannelType.Webhook && channel.SecretSetting is not null)
            {
                Error($"{field}.secretSetting", $"only webhook channels are signed; remove secretSetting from {channel.Type} channel '{channel.Id}'");
            }
            else if (channel.SecretSetting is not null)
            {
                CheckSettingName(channel.SecretSetting, $"{field}.secretSetting", "secret", "whsec_");
            }
        }
    }

    private void CheckSettingName(string name, string field, string what, string valueLooksLike)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Error(field, $"name the setting (environment variable or app setting) that holds the {what}");
        }
        else if (name.Contains(valueLooksLike, StringComparison.OrdinalIgnoreCase) || name.Contains("://", StringComparison.Ordinal))
        {
            Error(field, $"this looks like the {what} itself; put the {what} in an environment variable or app setting and give its name here (the config file is not a place for secrets)");
        }
        else if (!SettingName().IsMatch(name))
        {
            Error(field, $"'{name}' is not a setting name: use letters, digits and '_' (':' or '__' for sections), such as SLACK_OPS_URL");
        }
    }

    private void CheckTiming(SubscriberConfig subscriber, string field)
    {
        if (!SubscriberClock.TryFindZone(subscriber.TimeZone, out _))
        {
            Error($"{field}.timeZone", $"'{subscriber.TimeZone}' is not a known IANA time zone (such as Europe/Berlin or UTC)");
        }

        if (!DigestSchedule.TryParse(subscriber.Schedule, out _, out var scheduleError))
        {
            Error($"{field}.schedule", scheduleError);
        }

        if (subscriber.QuietHours is { } quietHours && !QuietHours.TryParse(quietHours, out _, out var quietError))
        {
            Error($"{field}.quietHours", quietError);
        }
    }

    private void CheckUniqueIds(string section, IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in ids)
        {
            var field = $"{section}[{index}].id";
            if (string.IsNullOrWhiteSpace(id))
            {
                Error(field, "an id is required");
            }
            else if (!Id().IsMatch(id))
            {
                Error(field, $"id '{id}' may hold only letters, digits, '.', '_' and '-', must start with a letter or digit, and be at most 64 characters (ids name files and table keys)");
            }
            else if (!seen.Add(id))
            {
                Error(field, $"duplicate id '{id}'");
            }

            index++;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AliasName();

    /// <summary>The documented id charset (README, JSON Schema) of sources, watchlists and subscribers.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Id();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.:]*$")]
    private static partial Regex SettingName();

    private void Error(string field, string message) =>
        _errors.Add(new ConfigError(_config.FilePath, _lines.LineOf(field), field, message));
}
