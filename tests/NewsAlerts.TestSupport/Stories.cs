namespace NewsAlerts.TestSupport;

/// <summary>One story as two outlets ran it (small edits), and a different story on the same topic.</summary>
public static class Stories
{
    public const string WireTitle = "Storm forces closure of Hamburg port as winds reach 140 km/h";

    public const string WireBody = """
        Hamburg's port was closed on Monday as storm Zoltan brought winds of up to 140 kilometres per hour to the north German coast, the port authority said.
        Container terminals stopped loading ships and ferries across the Elbe were cancelled until at least Tuesday morning. The federal weather service warned of a storm surge of up to three metres above the mean high tide.
        "Safety comes first, the terminals will reopen once the wind drops below gale force," a spokeswoman for the port authority said. Around 40 ships were waiting at anchor in the German Bight.
        Rail operator Deutsche Bahn halted long-distance trains between Hamburg and Berlin after trees fell onto the tracks near Ludwigslust. Several flights at Hamburg airport were cancelled.
        """;

    public const string OutletTitle = "Storm closes Hamburg port as winds hit 140 km/h";

    public const string OutletBody = """
        Hamburg's port was shut on Monday as storm Zoltan brought winds of up to 140 kilometres per hour to the north German coast, the port authority said.
        Container terminals stopped loading ships and ferries across the Elbe were cancelled until at least Tuesday morning. The federal weather service warned of a storm surge of up to three metres above the mean high tide.
        "Safety comes first, the terminals will reopen once the wind drops below gale force," a spokeswoman for the port authority told reporters. Around 40 vessels were waiting at anchor in the German Bight.
        Rail operator Deutsche Bahn halted long-distance trains between Hamburg and Berlin after trees fell onto the tracks near Ludwigslust. Several flights at Hamburg airport were also cancelled.
        (Reporting by our Hamburg bureau)
        """;

    public const string SameTopicTitle = "Storm Zoltan: Hamburg counts the cost after port reopens";

    public const string SameTopicBody = """
        Hamburg's port reopened on Wednesday after storm Zoltan, and insurers began to estimate the damage to the city's waterfront, where the Elbe flooded the fish market for the second time this year.
        Port operators said the two-day closure delayed about 60 container ships and that clearing the backlog would take most of the week. Trade groups warned of late deliveries to retailers before Christmas.
        The Senate of Hamburg promised an emergency fund for shop owners in the St. Pauli district whose cellars were flooded. Meteorologists expect calmer weather for the rest of the week, with winds from the west.
        """;

    public static string Wire => $"{WireTitle}\n\n{WireBody}";

    public static string Outlet => $"{OutletTitle}\n\n{OutletBody}";

    public static string SameTopic => $"{SameTopicTitle}\n\n{SameTopicBody}";
}
