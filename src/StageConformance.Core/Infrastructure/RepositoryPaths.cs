namespace StageConformance.Infrastructure;

/// <summary>Locates the repository (schemas, fixtures) and the shared folder beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Schemas => Path.Combine(Root, "schemas");

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The project's shared folder (seeds, reference, vectors) lives beside the clone.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        // Installed as a .NET tool, stageconf carries schemas/ and fixtures/ in its own folder, and uses them wherever it runs.
        var inside = Above(AppContext.BaseDirectory)
            ?? (Directory.Exists(Path.Combine(AppContext.BaseDirectory, "schemas")) ? AppContext.BaseDirectory : null)
            ?? Above(Directory.GetCurrentDirectory());
        return inside ?? throw new InvalidOperationException(
            "cannot find the repository root (a folder holding StageConformance.sln) above " + AppContext.BaseDirectory);
    }

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StageConformance.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
