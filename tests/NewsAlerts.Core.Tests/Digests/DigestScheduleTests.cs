using NewsAlerts.Core.Digests;

namespace NewsAlerts.Core.Tests.Digests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DigestSchedule Parse(string text)
    {
        Assert.True(DigestSchedule.TryParse(text, out var schedule, out var error), error);
        return schedule;
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("instant", "instant")]
    [InlineData("hourly", "hourly")]
    [InlineData("daily 8:00", "daily 08:00")]
    [InlineData("  daily   18:30 ", "daily 18:30")]
    [InlineData("weekly mon 09:00", "weekly Monday 09:00")]
    [InlineData("weekly Sunday 23:59", "weekly Sunday 23:59")]
    public void TryParse_ValidSchedules_RoundTrip(string text, string expected)
    {
        Assert.Equal(expected, Parse(text).ToString());
    }

    [Theory]
    [InlineData("daily 25:00", "'25:00' is not a time of day")]
    [InlineData("daily", "is not a schedule")]
    [InlineData("weekly Funday 09:00", "'Funday' is not a day of the week")]
    [InlineData("monthly 1 08:00", "is not a schedule")]
    [InlineData("", "is not a schedule")]
    public void TryParse_InvalidSchedules_SayWhatIsWrong(string text, string expected)
    {
        Assert.False(DigestSchedule.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25T12:00:00Z", "2026-11-25T07:00:00Z")]
    [InlineData("2026-11-25T06:59:59Z", "2026-11-24T07:00:00Z")]
    [InlineData("2026-11-25T07:00:00Z", "2026-11-25T07:00:00Z")]
    public void LatestBoundary_DailyInBerlinWinter_IsEightLocalSevenUtc(string now, string expected)
    {
        Assert.Equal(Utc(expected), Parse("daily 08:00").LatestBoundary(Utc(now), Berlin));
    }

    [Fact]
    public void LatestBoundary_DailyAcrossSpringForward_StaysAtEightLocal()
    {
        var schedule = Parse("daily 08:00");

        var saturday = schedule.LatestBoundary(Utc("2026-03-28T12:00:00Z"), Berlin);
        var sunday = schedule.LatestBoundary(Utc("2026-03-29T12:00:00Z"), Berlin);

        Assert.Equal(Utc("2026-03-28T07:00:00Z"), saturday);
        Assert.Equal(Utc("2026-03-29T06:00:00Z"), sunday);
        Assert.Equal(TimeSpan.FromHours(23), sunday - saturday);
    }

    [Fact]
    public void LatestBoundary_TimeSkippedBySpringForward_MovesForwardByTheGap()
    {
        // 02:30 does not exist in Berlin on 29 March 2026: clocks jump from 02:00 to 03:00.
        Assert.Equal(Utc("2026-03-29T01:30:00Z"), Parse("daily 02:30").LatestBoundary(Utc("2026-03-29T05:00:00Z"), Berlin));
    }

    [Fact]
    public void LatestBoundary_TimeRepeatedByFallBack_IsTheFirstOccurrence()
    {
        // 02:30 happens twice in Berlin on 25 October 2026: first at +02:00 (00:30Z), then at +01:00 (01:30Z).
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), Parse("daily 02:30").LatestBoundary(Utc("2026-10-25T05:00:00Z"), Berlin));
    }

    [Fact]
    public void LatestBoundary_WeeklyInNewYork_IsLastMondayNineEastern()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(Utc("2026-11-23T14:00:00Z"), Parse("weekly Monday 09:00").LatestBoundary(Utc("2026-11-25T12:00:00Z"), newYork));
    }

    [Fact]
    public void LatestBoundary_HourlyInKolkata_IsTheTopOfTheLocalHour()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        Assert.Equal(Utc("2026-11-25T11:30:00Z"), Parse("hourly").LatestBoundary(Utc("2026-11-25T12:10:00Z"), kolkata));
    }

    [Fact]
    public void LatestBoundary_HourlyAcrossFallBack_GivesTwoDistinctTwoOClocks()
    {
        var schedule = Parse("hourly");

        var first = schedule.LatestBoundary(Utc("2026-10-25T00:10:00Z"), Berlin);
        var second = schedule.LatestBoundary(Utc("2026-10-25T01:10:00Z"), Berlin);

        Assert.Equal(Utc("2026-10-25T00:00:00Z"), first);
        Assert.Equal(Utc("2026-10-25T01:00:00Z"), second);
    }

    [Theory]
    [InlineData("23:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    [InlineData("22:00", true)]
    public void QuietHours_WrappingMidnight_ContainsTheNight(string time, bool quiet)
    {
        Assert.True(QuietHours.TryParse("22:00-07:00", out var hours, out _));

        Assert.Equal(quiet, hours.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("22:00", "is not a time window")]
    [InlineData("22:00-22:00", "starts and ends at the same time")]
    [InlineData("22:00-7", "is not a time window")]
    public void QuietHours_Invalid_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(QuietHours.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestKey_SameSubscriberAndPeriod_SameId_OtherwiseDifferent()
    {
        var key = DigestKey.Scheduled("sam", ScheduleKind.Daily, Utc("2026-11-25T07:00:00Z"));

        Assert.Equal("daily:2026-11-25T07:00Z", key.Period);
        Assert.Equal(key.DigestId, new DigestKey("sam", "daily:2026-11-25T07:00Z").DigestId);
        Assert.NotEqual(key.DigestId, new DigestKey("kim", key.Period).DigestId);
        Assert.Equal("a1", DigestKey.Urgent("sam", "a1").UrgentArticleId);
        Assert.Null(key.UrgentArticleId);
    }
}
