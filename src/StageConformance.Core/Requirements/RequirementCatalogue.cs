using System.Text.Json.Nodes;
using StageConformance.Configuration;
using StageConformance.Infrastructure;

namespace StageConformance.Requirements;

/// <summary>The requirements of one dialect, read from schemas/&lt;dialect&gt;/requirements.json.</summary>
public sealed class RequirementCatalogue
{
    private readonly Dictionary<string, Requirement> byId;

    private RequirementCatalogue(string dialect, IReadOnlyList<Requirement> requirements)
    {
        Dialect = dialect;
        All = requirements;
        byId = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public string Dialect { get; }

    public IReadOnlyList<Requirement> All { get; }

    public Requirement this[string id] =>
        byId.TryGetValue(id, out var requirement)
            ? requirement
            : throw new KeyNotFoundException($"requirement '{id}' is not in schemas/{Dialect}/requirements.json");

    public bool Contains(string id) => byId.ContainsKey(id);

    /// <summary>The requirement a generic check judges (see <see cref="Roles"/>), or null when the dialect has none for it.</summary>
    public Requirement? ForRole(string role) => All.FirstOrDefault(r => r.Role == role);

    public string RoleId(string role) =>
        ForRole(role)?.Id ?? throw new KeyNotFoundException($"schemas/{Dialect}/requirements.json has no requirement with role '{role}'");

    /// <summary>The statuses the check of a role accepts: the requirement's own "statuses", else the role's default.</summary>
    public IReadOnlyList<int> StatusesFor(string role) =>
        (ForRole(role) ?? throw new KeyNotFoundException($"schemas/{Dialect}/requirements.json has no requirement with role '{role}'")).Statuses
        ?? Roles.DefaultStatuses(role);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RequirementCatalogue?> Loaded = new(StringComparer.Ordinal);

    /// <summary>The strongest evidence kind of a requirement, for reports; null when the dialect or the id is unknown.</summary>
    public static EvidenceKind? EvidenceOf(string dialect, string requirement) =>
        Loaded.GetOrAdd(dialect, d => DialectNames.Implemented.Contains(d) ? Load(d) : null) is { } catalogue && catalogue.Contains(requirement)
            ? catalogue[requirement].StrongestEvidence
            : null;

    public static RequirementCatalogue Load(string dialect) =>
        Parse(dialect, File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, dialect, "requirements.json")));

    public static RequirementCatalogue Parse(string dialect, string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var documents = root["documents"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var requirements = new List<Requirement>();
        foreach (var node in root["requirements"]!.AsArray())
        {
            var item = node!.AsObject();
            var sources = item["source"]!.AsArray()
                .Select(s => new Citation(documents[s!["doc"]!.GetValue<string>()], s["quote"]!.GetValue<string>()))
                .ToList();
            requirements.Add(new Requirement(
                item["id"]!.GetValue<string>(),
                item["role"]?.GetValue<string>(),
                dialect,
                item["family"]!.GetValue<string>(),
                item["statement"]!.GetValue<string>(),
                item["category"]?.GetValue<string>() ?? "core",
                sources,
                item["statuses"]?.AsArray().Select(s => s!.GetValue<int>()).ToList())
            {
                Evidence = [.. SeedEvidence(sources), .. ParseEvidence(item["evidence"]?.AsArray())],
            });
        }

        var duplicate = requirements.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"requirement id '{duplicate.Key}' appears twice in schemas/{dialect}/requirements.json");
        }

        return new RequirementCatalogue(dialect, requirements);
    }

    /// <summary>A citation of a source document is seed evidence; the file lists only the evidence beyond the seeds.</summary>
    private static IEnumerable<Evidence> SeedEvidence(IEnumerable<Citation> sources) =>
        sources.Where(c => !c.Document.StartsWith("..", StringComparison.Ordinal))
            .Select(c => new Evidence(EvidenceKind.Seed, "../shared/seeds/" + c.Document, c.Quote));

    private static List<Evidence> ParseEvidence(JsonArray? entries) =>
        entries?.Select(e => new Evidence(
            Evidence.ParseKind(e!["kind"]!.GetValue<string>()),
            e["source"]!.GetValue<string>(),
            e["quote"]!.GetValue<string>(),
            e["via"]?.GetValue<string>())).ToList() ?? [];
}
