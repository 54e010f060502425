using Microsoft.Extensions.Logging;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Unsubscribe;

/// <summary>What an unsubscribe request did.</summary>
/// <param name="AlreadyUnsubscribed">The address had unsubscribed before; nothing changed.</param>
public sealed record UnsubscribeResult(TokenStatus Status, string? Email, bool AlreadyUnsubscribed = false)
{
    public bool Succeeded => Status == TokenStatus.Valid;
}

/// <summary>Turns a signed token into a recorded unsubscribe; refuses forged, malformed and expired tokens.</summary>
public sealed partial class UnsubscribeService(
    UnsubscribeTokens tokens,
    IUnsubscribeStore store,
    TimeProvider time,
    ILogger<UnsubscribeService> logger)
{
    /// <summary>Checks a token without changing anything (the confirmation page).</summary>
    public TokenCheck Check(string? token) => tokens.Check(token);

    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var check = tokens.Check(token);
        if (check.Status != TokenStatus.Valid)
        {
            LogRefused(check.Status);
            return new UnsubscribeResult(check.Status, check.Email);
        }

        var added = await store.AddAsync(check.Email!, time.GetUtcNow(), cancellationToken);
        LogUnsubscribed(check.Email!, !added);
        return new UnsubscribeResult(TokenStatus.Valid, check.Email, !added);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an unsubscribe request: the token is {Status}")]
    private partial void LogRefused(TokenStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribed {Email} (already unsubscribed: {Already})")]
    private partial void LogUnsubscribed(string email, bool already);
}
