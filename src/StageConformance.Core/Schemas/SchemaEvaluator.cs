using System.Text.Json.Nodes;
using NJsonSchema.Validation;

namespace StageConformance.Schemas;

/// <summary>
/// Walks schema and instance together. Applicators ($ref, properties, items, allOf...) are walked here so that every
/// violation knows its exact instance location and the requirement in force on the path that reached it; each
/// assertion keyword is checked by exactly one engine, so nothing is reported twice.
/// </summary>
internal sealed class SchemaEvaluator(IReadOnlyDictionary<JsonObject, CompiledNode> nodes)
{
    // Deep enough for any real document; stops a $ref cycle that never descends into the instance.
    private const int MaxDepth = 200;

    private static readonly JsonSchemaValidator NJsonSchemaValidator = new();

    public void Evaluate(JsonNode? instance, string path, JsonNode schema, string? requirement, string viaKeyword, List<SchemaViolation> sink, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException(
                $"schema evaluation deeper than {MaxDepth} at '{path}': a $ref cycle, or an instance nested too deep");
        }

        if (schema is not JsonObject obj)
        {
            if (schema.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                sink.Add(new(path, viaKeyword, requirement, "no value is allowed here (false schema)"));
            }

            return;
        }

        var node = nodes[obj];
        requirement = node.Requirement ?? requirement;
        var kind = JsonValues.KindOf(instance);
        var next = depth + 1;

        void Fail(string keyword, string message) => sink.Add(new(path, keyword, node.RequirementFor(keyword, requirement), message));

        CheckWithNJsonSchema(node, instance, kind, path, requirement, sink);

        if (node.RefTarget is not null)
        {
            Evaluate(instance, path, node.RefTarget, requirement, "$ref", sink, next);
        }

        if (node.Enum is not null && !node.Enum.Any(option => JsonValues.DeepEquals(option, instance)))
        {
            Fail("enum", $"{JsonValues.Excerpt(instance)} is not one of {JsonValues.Excerpt(node.Enum)}");
        }

        if (node.HasConst && !JsonValues.DeepEquals(node.Const, instance))
        {
            Fail("const", $"{JsonValues.Excerpt(instance)} is not {JsonValues.Excerpt(node.Const)}");
        }

        if (kind == InstanceKind.String)
        {
            CheckString(node, JsonValues.StringOf(instance!), Fail);
        }
        else if (kind == InstanceKind.Object)
        {
            EvaluateObject(node, instance!.AsObject(), path, requirement, sink, next, Fail);
        }
        else if (kind == InstanceKind.Array)
        {
            EvaluateArray(node, instance!.AsArray(), path, requirement, sink, next, Fail);
        }

        foreach (var branch in node.AllOf ?? [])
        {
            Evaluate(instance, path, branch, requirement, "allOf", sink, next);
        }

        if (node.AnyOf is not null)
        {
            var failures = node.AnyOf.Select(branch => Probe(instance, path, branch, requirement, "anyOf", next)).ToList();
            if (failures.All(errors => errors.Count > 0))
            {
                Fail("anyOf", "no branch matched: " + Summarize(failures));
            }
        }

        if (node.OneOf is not null)
        {
            var failures = node.OneOf.Select(branch => Probe(instance, path, branch, requirement, "oneOf", next)).ToList();
            var matched = failures.Count(errors => errors.Count == 0);
            if (matched != 1)
            {
                Fail("oneOf", matched == 0 ? "no branch matched: " + Summarize(failures) : $"{matched} branches matched, exactly one must");
            }
        }

        if (node.Not is not null && Probe(instance, path, node.Not, requirement, "not", next).Count == 0)
        {
            Fail("not", $"{JsonValues.Excerpt(instance)} matches the schema it must not match");
        }

        if (node.If is not null)
        {
            var branch = Probe(instance, path, node.If, requirement, "if", next).Count == 0 ? node.Then : node.Else;
            if (branch is not null)
            {
                Evaluate(instance, path, branch, requirement, branch == node.Then ? "then" : "else", sink, next);
            }
        }
    }

    private List<SchemaViolation> Probe(JsonNode? instance, string path, JsonNode schema, string? requirement, string viaKeyword, int depth)
    {
        var errors = new List<SchemaViolation>();
        Evaluate(instance, path, schema, requirement, viaKeyword, errors, depth);
        return errors;
    }

    private static void CheckWithNJsonSchema(CompiledNode node, JsonNode? instance, InstanceKind kind, string path, string? requirement, List<SchemaViolation> sink)
    {
        Newtonsoft.Json.Linq.JToken? token = null;
        foreach (var check in node.NJsonSchemaChecks)
        {
            if (check.AppliesTo is { } applies && applies != kind)
            {
                continue;
            }

            token ??= JsonValues.ToShallowJToken(instance);
            foreach (var error in NJsonSchemaValidator.Validate(token, check.Schema))
            {
                var message = error.Kind == ValidationErrorKind.PropertyRequired
                    ? $"required property \"{error.Property}\" is missing"
                    : $"{JsonValues.Excerpt(instance)} violates {check.Keyword} {JsonValues.Excerpt(check.Value)} ({error.Kind})";
                sink.Add(new(path, check.Keyword, node.RequirementFor(check.Keyword, requirement), message));
            }
        }
    }

    private static void CheckString(CompiledNode node, string value, Action<string, string> fail)
    {
        if (node.Pattern is not null && !node.Pattern.IsMatch(value))
        {
            fail("pattern", $"\"{Shorten(value)}\" does not match {node.Pattern}");
        }

        if (node.MinLength is not null || node.MaxLength is not null)
        {
            var length = JsonValues.CodePointLength(value);
            if (length < node.MinLength)
            {
                fail("minLength", $"\"{Shorten(value)}\" has {length} code points, fewer than {node.MinLength}");
            }

            if (length > node.MaxLength)
            {
                fail("maxLength", $"\"{Shorten(value)}\" has {length} code points, more than {node.MaxLength}");
            }
        }

        if (node.DateTimeFormat && !DateTimeFormat.IsValid(value))
        {
            fail("format", $"\"{Shorten(value)}\" is not an RFC 3339 date-time");
        }
    }

    private void EvaluateObject(
        CompiledNode node, JsonObject instance, string path, string? requirement, List<SchemaViolation> sink, int depth, Action<string, string> fail)
    {
        if (instance.Count > node.MaxProperties)
        {
            fail("maxProperties", $"{instance.Count} properties, more than {node.MaxProperties}");
        }

        foreach (var (property, requires) in node.DependentRequired ?? [])
        {
            if (instance.ContainsKey(property))
            {
                foreach (var missing in requires.Where(name => !instance.ContainsKey(name)))
                {
                    fail("dependentRequired", $"property \"{missing}\" is required when \"{property}\" is present");
                }
            }
        }

        foreach (var (name, value) in instance)
        {
            var at = JsonPointer.Append(path, name);
            var matched = false;
            foreach (var (declared, schema) in node.Properties ?? [])
            {
                if (declared == name)
                {
                    matched = true;
                    Evaluate(value, at, schema, requirement, "properties", sink, depth);
                }
            }

            foreach (var (pattern, schema) in node.PatternProperties ?? [])
            {
                if (pattern.IsMatch(name))
                {
                    matched = true;
                    Evaluate(value, at, schema, requirement, "patternProperties", sink, depth);
                }
            }

            if (!matched && node.AdditionalProperties is not null)
            {
                Evaluate(value, at, node.AdditionalProperties, requirement, "additionalProperties", sink, depth);
            }

            if (node.PropertyNames is not null)
            {
                foreach (var error in Probe(JsonValue.Create(name), at, node.PropertyNames, requirement, "propertyNames", depth))
                {
                    sink.Add(error with { Keyword = "propertyNames", Message = $"name \"{Shorten(name)}\": [{error.Keyword}] {error.Message}" });
                }
            }
        }
    }

    private void EvaluateArray(
        CompiledNode node, JsonArray instance, string path, string? requirement, List<SchemaViolation> sink, int depth, Action<string, string> fail)
    {
        if (instance.Count > node.MaxItems)
        {
            fail("maxItems", $"{instance.Count} items, more than {node.MaxItems}");
        }

        if (node.UniqueItems)
        {
            for (var i = 0; i < instance.Count; i++)
            {
                for (var j = i + 1; j < instance.Count; j++)
                {
                    if (JsonValues.DeepEquals(instance[i], instance[j]))
                    {
                        fail("uniqueItems", $"items {i} and {j} are equal");
                    }
                }
            }
        }

        if (node.Items is not null)
        {
            for (var i = 0; i < instance.Count; i++)
            {
                Evaluate(instance[i], JsonPointer.Append(path, i), node.Items, requirement, "items", sink, depth);
            }
        }
    }

    private static string Summarize(List<List<SchemaViolation>> failures) =>
        string.Join("; ", failures.Select((errors, index) =>
            $"[{index}] " + string.Join(", ", errors.Take(3).Select(error => $"{error.InstancePath} {error.Keyword}"))));

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
