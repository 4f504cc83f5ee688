using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using StageConformance.Schemas;

namespace StageConformance.Expectations;

/// <summary>
/// Reads and writes a target's expectations file (format: schemas/expectations.schema.json). Every
/// problem, from unparsable JSON to an expired entry, is one <see cref="ConfigurationException"/> line.
/// </summary>
public static class ExpectationsFile
{
    public static string SchemaPath => Path.Combine(RepositoryPaths.Schemas, "expectations.schema.json");

    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.Load(SchemaPath));

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the file a run setting names; a relative path is taken from the repository root.</summary>
    public static ExpectationSet LoadSetting(string value, KnownIds known, DateOnly today)
    {
        var path = Path.IsPathRooted(value) ? value : Path.Combine(RepositoryPaths.Root, value);
        if (!File.Exists(path))
        {
            throw new ConfigurationException(
                $"{SettingNames.Expectations.Environment}='{value}': no such file (a relative path is taken from the repository root, {RepositoryPaths.Root})");
        }

        return Load(path, known, today);
    }

    /// <param name="today">The date expiry is judged against; null reads expired entries too (to rewrite them).</param>
    public static ExpectationSet Load(string path, KnownIds known, DateOnly? today) =>
        Parse(File.ReadAllText(path), Display(path), known, today);

    public static ExpectationSet Parse(string json, string source, KnownIds known, DateOnly? today)
    {
        ConfigurationException Problem(string what) =>
            new($"expectations file {source}: {what.ReplaceLineEndings(" ")}");

        JsonNode? root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (DuplicateKey(document.RootElement) is { } duplicate)
            {
                throw Problem($"'{duplicate}' appears twice: keep one entry per id");
            }

            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Problem("not valid JSON: " + e.Message);
        }

        var violation = Schema.Value.Validate(root).FirstOrDefault();
        if (violation is not null)
        {
            var at = violation.InstancePath.Length == 0 ? "the top level" : violation.InstancePath;
            throw Problem($"{at} breaks the format ({violation.Keyword}: {violation.Message}); see schemas/expectations.schema.json");
        }

        var expectations = new List<Expectation>();
        foreach (var (key, value) in root!["expectations"]!.AsObject())
        {
            if (!known.Knows(key))
            {
                throw Problem(Expectation.IsCheckId(key)
                    ? $"'{key}' is not a check id of this suite: use an id as report.json lists it, or the requirement id before the '/'"
                    : $"'{key}' is not a requirement id of this suite: use an id from schemas/<dialect>/requirements.json");
            }

            var entry = value!.AsObject();
            DateOnly? until = null;
            if (entry["until"]?.GetValue<string>() is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Problem($"'{key}' has until '{text}', which is not a date (YYYY-MM-DD)");
                }

                if (today is { } now && date < now)
                {
                    throw Problem($"'{key}' expired on {text}: check the deviation again, then move 'until' forward or remove the entry");
                }

                until = date;
            }

            expectations.Add(new Expectation(
                key,
                entry["expected"]!.GetValue<string>() == "skip" ? ExpectedOutcome.Skip : ExpectedOutcome.Fail,
                entry["reason"]!.GetValue<string>(),
                entry["link"]?.GetValue<string>(),
                until));
        }

        return new ExpectationSet(expectations, source, root["target"]?.GetValue<string>());
    }

    /// <summary>Writes entries ordered by key, one object per entry, in the format <see cref="Parse"/> reads.</summary>
    public static string Serialize(IEnumerable<Expectation> expectations, string? target, string? schemaReference)
    {
        var root = new JsonObject();
        if (schemaReference is not null)
        {
            root["$schema"] = schemaReference;
        }

        if (target is not null)
        {
            root["target"] = target;
        }

        var entries = new JsonObject();
        foreach (var e in expectations.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject { ["expected"] = Expectation.Name(e.Expected), ["reason"] = e.Reason };
            if (e.Link is not null)
            {
                entry["link"] = e.Link;
            }

            if (e.Until is { } until)
            {
                entry["until"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            entries[e.Key] = entry;
        }

        root["expectations"] = entries;
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>The path as messages and reports show it: relative to the repository when inside it.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(RepositoryPaths.Root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
    }

    private static string? DuplicateKey(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return property.Name;
                }

                if (DuplicateKey(property.Value) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }
}
