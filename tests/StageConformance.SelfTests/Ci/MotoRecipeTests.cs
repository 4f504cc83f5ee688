using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Ci;

/// <summary>The moto CI recipe stays in step with the suite and with .ci/moto.sh: settings it knows, files that exist, the moto version the expectations describe.</summary>
public sealed partial class MotoRecipeTests
{
    private static readonly CiRecipe Recipe = new("github-actions-moto.yml");

    [Test]
    public void The_recipe_sets_only_settings_the_suite_reads_and_the_expectations_exist()
    {
        var known = SettingNames.All.Select(s => s.Environment).ToHashSet(StringComparer.Ordinal);
        var environment = Recipe.Environment;

        Assert.That(environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal)).Where(k => !known.Contains(k)), Is.Empty);
        Assert.That(File.Exists(Path.Combine(RepositoryPaths.Root, environment[SettingNames.Expectations.Environment])));
        Assert.That(environment[SettingNames.Dialects.Environment], Is.EqualTo(Regex.Match(File.ReadAllText(MotoScript), "^dialects=(\\S+)$", RegexOptions.Multiline).Groups[1].Value));
    }

    [Test]
    public void The_recipe_installs_the_moto_version_the_expectations_describe()
    {
        var expectations = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "moto", "expectations.json")))!;
        var described = MotoVersion().Match(expectations["target"]!.GetValue<string>()).Groups[1].Value;

        Assert.That(described, Is.Not.Empty);
        Assert.That(string.Join("\n", Recipe.RunScripts), Does.Contain($"pip install 'moto[server]=={described}'"));
    }

    private static string MotoScript => Path.Combine(RepositoryPaths.Root, ".ci", "moto.sh");

    [GeneratedRegex(@"moto ([0-9][0-9.]*[0-9])")]
    private static partial Regex MotoVersion();
}
