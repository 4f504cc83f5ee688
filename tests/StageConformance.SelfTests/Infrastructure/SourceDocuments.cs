using NUnit.Framework;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Infrastructure;

/// <summary>
/// The source documents (the five seeds) are not part of the repository: they live in the project's
/// shared folder beside the clone. A clone on its own skips the tests that read them, saying so;
/// the project's CI sets <see cref="RequireVariable"/> so that their absence fails there.
/// </summary>
internal static class SourceDocuments
{
    public const string RequireVariable = "STAGECONF_REQUIRE_SHARED";

    private static int said;

    public static string Seeds => Path.Combine(RepositoryPaths.Shared, "seeds");

    /// <summary>The seeds folder; when it is absent the calling test is skipped with the reason, or fails where the documents are required.</summary>
    public static string RequireSeeds()
    {
        var required = Environment.GetEnvironmentVariable(RequireVariable);
        if (!Directory.Exists(Seeds) && Interlocked.Exchange(ref said, 1) == 0)
        {
            // Skips show at the default verbosity without their reason: say it once where the console shows it.
            TestContext.Error.WriteLine($"self-tests: the source documents are not at {Seeds}: the tests that check citations against them are skipped");
        }

        return Require(Seeds, required);
    }

    public static string Require(string folder, string? required)
    {
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var why = $"not run: the source documents are not at {folder} (the project's shared folder beside the clone); "
            + $"a clone on its own cannot check quotes against them";
        if (required is "1" or "true")
        {
            Assert.Fail($"{why}, and {RequireVariable}={required} says they must be there");
        }

        Assert.Ignore(why);
        return folder;
    }
}
