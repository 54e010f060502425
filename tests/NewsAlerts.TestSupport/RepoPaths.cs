namespace NewsAlerts.TestSupport;

/// <summary>Finds files of the repository (seeds, schema) from a test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string Schema => Path.Combine(Root, "docs", "schema", "newsalerts.schema.json");

    public static string SeedArticle => Path.Combine(Seeds, "000_4c9df461499d11da.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NewsAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}
