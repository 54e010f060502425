using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NewsAlerts.Core;

namespace NewsAlerts.Cli;

/// <summary>
/// Where every setting of a command comes from, strongest first: a command-line option, an environment variable
/// (<c>NewsAlerts__StatePath</c>), <c>appsettings.json</c> in the current folder, the default in the options class.
/// </summary>
internal static class CliSettings
{
    public const string FileName = "appsettings.json";

    /// <summary>The layered settings; <paramref name="overrides"/> holds only the options the user gave.</summary>
    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string?> overrides) =>
        AddLayers(new ConfigurationBuilder(), overrides).Build();

    /// <summary>Adds the layers in precedence order (the last added wins).</summary>
    public static T AddLayers<T>(T builder, IReadOnlyDictionary<string, string?> overrides)
        where T : IConfigurationBuilder
    {
        builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), FileName), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(overrides);
        return builder;
    }

    /// <summary>The host settings (config, state and outbox paths...) as they come out of the layers, validated.</summary>
    public static NewsAlertsOptions Host(IReadOnlyDictionary<string, string?> overrides)
    {
        var options = new NewsAlertsOptions();
        Build(overrides).GetSection(NewsAlertsOptions.SectionName).Bind(options);
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(NewsAlertsOptions), results.Select(r =>
                $"DataAnnotation validation failed for '{nameof(NewsAlertsOptions)}' members: '{string.Join(",", r.MemberNames)}' with the error: '{r.ErrorMessage}'."));
        }

        return options;
    }
}
