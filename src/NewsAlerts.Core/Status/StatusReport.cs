namespace NewsAlerts.Core.Status;

/// <summary>What <c>newsalerts status</c> shows: every source's health, every subscriber's digests, deliveries in trouble, the state's size.</summary>
public sealed record StatusReport(
    DateTimeOffset At,
    IReadOnlyList<SourceStatus> Sources,
    IReadOnlyList<SubscriberStatus> Subscribers,
    IReadOnlyList<DeliveryProblem> Deliveries,
    StateSize State)
{
    /// <summary>One line per thing an operator should look at: failing sources, stuck or failed deliveries.</summary>
    public IReadOnlyList<string> Attention =>
    [
        .. Sources.Where(s => s.Failing).Select(s => $"source {s.Id} is failing ({s.ConsecutiveFailures} failure(s) in a row): {s.LastError}"),
        .. Deliveries.Select(d => $"digest {d.DigestId} for {d.SubscriberId} is {d.Problem}: {d.Detail}"),
    ];

    public bool NeedsAttention => Attention.Count > 0;
}

/// <summary>A source's health from its feed state; times are null when it never happened.</summary>
public sealed record SourceStatus(
    string Id,
    string Name,
    bool Enabled,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    string? LastError,
    int? ItemsLastRead,
    DateTimeOffset? NextPollAt)
{
    public bool Failing => Enabled && ConsecutiveFailures > 0;
}

/// <summary>A subscriber's digests: alerts waiting, the last digest sent, when the next one is due (null: instant, on the next run with news).</summary>
public sealed record SubscriberStatus(
    string Id,
    string Schedule,
    int PendingAlerts,
    DateTimeOffset? LastDigestSentAt,
    DateTimeOffset? NextDigestAt,
    bool Unsubscribed);

/// <summary>A digest that is stuck (claimed or sending for longer than the sending lease) or failed recently.</summary>
public sealed record DeliveryProblem(string DigestId, string SubscriberId, string Period, string Problem, string State, DateTimeOffset Since, string Detail);
