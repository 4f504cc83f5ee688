using StageConformance.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace StageConformance.SelfTests.Ci;

/// <summary>One copyable CI recipe under docs/ci/, read as its single job: the job's environment and its run scripts.</summary>
internal sealed class CiRecipe(string fileName)
{
    private readonly YamlMappingNode job = LoadJob(Path.Combine(RepositoryPaths.Root, "docs", "ci", fileName));

    public IReadOnlyDictionary<string, string> Environment =>
        ((YamlMappingNode)job["env"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    public IEnumerable<string> RunScripts =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => ((YamlScalarNode)step["run"]).Value!);

    private static YamlMappingNode LoadJob(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
        return (YamlMappingNode)jobs.Children.Single().Value;
    }
}
