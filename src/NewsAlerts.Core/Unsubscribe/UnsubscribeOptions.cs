using System.ComponentModel.DataAnnotations;

namespace NewsAlerts.Core.Unsubscribe;

/// <summary>Unsubscribe links (section <c>NewsAlerts:Unsubscribe</c>).</summary>
public sealed class UnsubscribeOptions : IValidatableObject
{
    public const string SectionName = "NewsAlerts:Unsubscribe";

    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The HMAC key that signs unsubscribe tokens; in Azure a Key Vault reference. When empty, a random key kept in
    /// <c>unsubscribe.key</c> in the state folder is used, which suits one machine only.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The unsubscribe endpoint, when it is not the Functions app's <c>/api/unsubscribe</c> under
    /// <see cref="NewsAlertsOptions.PublicBaseUrl"/>; the token is added as <c>?token=</c>. Empty by default.
    /// </summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>How long a link in an email keeps working. Default 180 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(180);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Secret) && Secret.Length < MinimumSecretLength)
        {
            yield return new ValidationResult($"Secret must be at least {MinimumSecretLength} characters", [nameof(Secret)]);
        }
    }
}
