using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Ci;

/// <summary>The copyable CI recipe stays in step with the suite: settings it knows, files that exist, the WireMock .ci/ runs.</summary>
public sealed partial class CiRecipeTests
{
    private static readonly CiRecipe Recipe = new("github-actions.yml");

    [Test]
    public void The_recipe_sets_only_settings_the_suite_reads()
    {
        var known = SettingNames.All.Select(s => s.Environment).ToHashSet(StringComparer.Ordinal);

        Assert.That(Recipe.Environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal)).Where(k => !known.Contains(k)), Is.Empty);
        Assert.That(Recipe.Environment, Does.ContainKey(SettingNames.Expectations.Environment));
    }

    [Test]
    public void The_recipe_names_files_that_exist()
    {
        var expectations = Recipe.Environment[SettingNames.Expectations.Environment];
        var paths = Recipe.RunScripts.SelectMany(script => RepositoryPath().Matches(script).Select(m => m.Value)).Append(expectations).Distinct();

        Assert.That(paths.Where(p => !File.Exists(Path.Combine(RepositoryPaths.Root, p)) && !Directory.Exists(Path.Combine(RepositoryPaths.Root, p))), Is.Empty);
    }

    [Test]
    public void The_recipe_runs_the_wiremock_version_ci_runs()
    {
        var ciVersion = Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".ci", "wiremock.sh")), "^version=(\\S+)$", RegexOptions.Multiline).Groups[1].Value;

        Assert.That(ciVersion, Is.Not.Empty);
        Assert.That(WiremockVersion().Matches(string.Join("\n", Recipe.RunScripts)).Select(m => m.Groups[1].Value).Distinct(), Is.EqualTo(new[] { ciVersion }));
    }

    [GeneratedRegex(@"\b(?:src|tests|fixtures|schemas)/[A-Za-z0-9._/-]*[A-Za-z0-9]")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"wiremock(?:@|-standalone-)([0-9][0-9.]*[0-9])")]
    private static partial Regex WiremockVersion();
}
