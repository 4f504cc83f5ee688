using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace StageConformance.SelfTests.Ci;

/// <summary>The moto CI recipe stays in step with the suite and with .ci/moto.sh: settings it knows, files that exist, the moto version the expectations describe.</summary>
public sealed partial class MotoRecipeTests
{
    private static readonly string RecipePath = Path.Combine(RepositoryPaths.Root, "docs", "ci", "github-actions-moto.yml");

    private static YamlMappingNode Job()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(RecipePath)))
        {
            stream.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
        return (YamlMappingNode)jobs.Children.Single().Value;
    }

    private static IReadOnlyDictionary<string, string> Environment() =>
        ((YamlMappingNode)Job()["env"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    private static string Scripts() => string.Join("\n", ((YamlSequenceNode)Job()["steps"]).Children.Cast<YamlMappingNode>()
        .Where(step => step.Children.ContainsKey("run"))
        .Select(step => ((YamlScalarNode)step["run"]).Value!));

    [Test]
    public void The_recipe_sets_only_settings_the_suite_reads_and_the_expectations_exist()
    {
        var known = SettingNames.All.Select(s => s.Environment).ToHashSet(StringComparer.Ordinal);
        var environment = Environment();

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
        Assert.That(Scripts(), Does.Contain($"pip install 'moto[server]=={described}'"));
    }

    private static string MotoScript => Path.Combine(RepositoryPaths.Root, ".ci", "moto.sh");

    [GeneratedRegex(@"moto ([0-9][0-9.]*[0-9])")]
    private static partial Regex MotoVersion();
}
