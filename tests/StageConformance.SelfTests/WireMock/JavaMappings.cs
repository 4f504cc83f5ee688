using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Newtonsoft.Json.Linq;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace StageConformance.SelfTests.WireMock;

/// <summary>
/// Serves WireMock (Java) mapping files from WireMock.Net in-process. WireMock.Net's own reader of that format
/// (<c>ReadStaticWireMockOrgMappingAndAddOrUpdate</c>) drops priorities, <c>matchesJsonPath</c> with a sub-matcher,
/// scenarios and Java's template helpers (measured on 1.25.0: every templated answer is a 500), so the request
/// side is given to WireMock.Net as matchers here, the response side as WireMock.Net responses, and the four Java
/// helpers the fixtures use (randomValue, now, jsonPath, jsonMerge, toJson) are registered with its Handlebars.
/// Only what <c>fixtures/wiremock/mappings</c> uses is read; anything else fails the load.
/// </summary>
internal static class JavaMappings
{
    private static readonly HashSet<string> Scenarios = new(StringComparer.Ordinal);

    public static WireMockServer Start(string folder)
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            HandlebarsRegistrationCallback = (handlebars, _) => RegisterJavaHelpers(handlebars),
        });
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Add(server, JsonNode.Parse(File.ReadAllText(file))!.AsObject(), Path.GetFileName(file));
        }

        lock (Scenarios)
        {
            foreach (var scenario in Scenarios)
            {
                server.SetScenarioState(scenario, "Started");
            }
        }

        return server;
    }

    private static void Add(WireMockServer server, JsonObject mapping, string file)
    {
        var request = mapping["request"]!.AsObject();
        var builder = Request.Create();
        foreach (var (key, value) in request)
        {
            builder = key switch
            {
                "method" => builder.UsingMethod(value!.GetValue<string>()),
                "urlPath" => builder.WithPath(value!.GetValue<string>()),
                "urlPathPattern" => builder.WithPath(path => FullMatch(value!.GetValue<string>(), path)),
                "headers" => builder.WithHeader(headers => HeadersMatch(value!.AsObject(), headers)),
                "bodyPatterns" => builder.WithBody((string? body) => value!.AsArray().All(pattern => BodyMatches(pattern!.AsObject(), body))),
                "queryParameters" => value!.AsObject().Aggregate(builder, (b, parameter) => WithParam(b, parameter.Key, parameter.Value!.AsObject())),
                _ => throw new InvalidDataException($"{file}: request.{key} is not read by this loader"),
            };
        }

        var response = mapping["response"]!.AsObject();
        var answer = Response.Create().WithStatusCode(response["status"]!.GetValue<int>());
        foreach (var (key, value) in response)
        {
            answer = key switch
            {
                "status" => answer,
                "headers" => answer.WithHeaders(value!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>())),
                "jsonBody" => answer.WithBody(value!.ToJsonString()),
                "body" => answer.WithBody(value!.GetValue<string>()),
                "transformers" => answer.WithTransformer(),
                _ => throw new InvalidDataException($"{file}: response.{key} is not read by this loader"),
            };
        }

        var provider = server.Given(builder).WithTitle(mapping["name"]?.GetValue<string>() ?? file);
        if (mapping["id"] is JsonValue id)
        {
            provider = provider.WithGuid(id.GetValue<string>());
        }

        if (mapping["priority"] is JsonValue priority)
        {
            provider = provider.AtPriority(priority.GetValue<int>());
        }

        // Java scenarios start in "Started"; WireMock.Net's are set to it when the server starts (see Start).
        if (mapping["scenarioName"] is JsonValue scenario)
        {
            provider = provider.InScenario(scenario.GetValue<string>()).WhenStateIs(mapping["requiredScenarioState"]!.GetValue<string>());
            if (mapping["newScenarioState"] is JsonValue next)
            {
                provider = provider.WillSetStateTo(next.GetValue<string>());
            }

            lock (Scenarios)
            {
                Scenarios.Add(scenario.GetValue<string>());
            }
        }

        provider.RespondWith(answer);
    }

    private static IRequestBuilder WithParam(IRequestBuilder builder, string name, JsonObject matcher)
    {
        var (kind, operand) = matcher.Single();
        return kind switch
        {
            "absent" => builder.WithParam(name, operand!.GetValue<bool>() ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch),
            "matches" => builder.WithParam(name, new RegexMatcher($"^(?:{operand!.GetValue<string>()})$")),
            "doesNotMatch" => builder.WithParam(name, new RegexMatcher(MatchBehaviour.RejectOnMatch, $"^(?:{operand!.GetValue<string>()})$")),
            "equalTo" => builder.WithParam(name, new ExactMatcher(operand!.GetValue<string>())),
            _ => throw new InvalidDataException($"query matcher '{kind}' is not read by this loader"),
        };
    }

    private static bool FullMatch(string pattern, string? value) => value is not null && Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static bool HeadersMatch(JsonObject expected, IDictionary<string, string[]> headers)
    {
        foreach (var (name, matcher) in expected)
        {
            var values = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            var value = values is { Length: > 0 } ? values[0] : null;
            if (!StringMatches(matcher!.AsObject(), value))
            {
                return false;
            }
        }

        return true;
    }

    // A Java string matcher: absent, matches, doesNotMatch, equalTo. A missing value matches only 'absent'.
    private static bool StringMatches(JsonObject matcher, string? value)
    {
        foreach (var (kind, operand) in matcher)
        {
            var holds = kind switch
            {
                "absent" => (value is null) == operand!.GetValue<bool>(),
                "matches" => FullMatch(operand!.GetValue<string>(), value),
                "doesNotMatch" => value is not null && !FullMatch(operand!.GetValue<string>(), value),
                "equalTo" => value == operand!.GetValue<string>(),
                _ => throw new InvalidDataException($"string matcher '{kind}' is not read by this loader"),
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool BodyMatches(JsonObject pattern, string? body)
    {
        var (kind, operand) = pattern.Single();
        if (kind != "matchesJsonPath")
        {
            throw new InvalidDataException($"body pattern '{kind}' is not read by this loader");
        }

        JToken root;
        try
        {
            root = JToken.Parse(body ?? "");
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }

        if (operand is JsonValue plain)
        {
            return Select(root, plain.GetValue<string>()).Count > 0;
        }

        var spec = operand!.AsObject();
        var selected = Select(root, spec["expression"]!.GetValue<string>());
        var matcher = new JsonObject(spec.Where(m => m.Key != "expression").Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));
        if (selected.Count == 0)
        {
            return StringMatches(matcher, null);
        }

        // Java WireMock matches a selected object or array as Jackson pretty-prints it, a string as itself.
        return selected.Any(token => StringMatches(matcher, token.Type == JTokenType.String ? token.Value<string>() : JacksonPretty(token)));
    }

    private static string JacksonPretty(JToken token) =>
        Regex.Replace(token.ToString(Newtonsoft.Json.Formatting.Indented), "^(\\s*\"(?:[^\"\\\\]|\\\\.)*\"):", "$1 :", RegexOptions.Multiline);

    private static List<JToken> Select(JToken root, string expression)
    {
        try
        {
            // Jayway (Java) applies a filter on the root to the root object itself; Newtonsoft to its members.
            return expression.StartsWith("$[?(", StringComparison.Ordinal) && root is JObject
                ? new JArray(root).SelectTokens(expression).ToList()
                : root.SelectTokens(expression).ToList();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return [];
        }
    }

    private static void RegisterJavaHelpers(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("randomValue", (HandlebarsReturnHelper)((_, _) => Guid.NewGuid().ToString()));
        handlebars.RegisterHelper("now", (HandlebarsReturnHelper)((_, arguments) =>
            arguments.Hash.TryGetValue("format", out var format) && Equals(format, "unix")
                ? DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        handlebars.RegisterHelper("jsonPath", (HandlebarsReturnHelper)((_, arguments) =>
        {
            var root = ParseOrNull(arguments[0]?.ToString());
            var token = root?.SelectToken(arguments[1]!.ToString()!);
            return token is null or { Type: JTokenType.Null } ? null! : token.Type switch
            {
                JTokenType.Boolean => token.Value<bool>(),
                JTokenType.String => token.Value<string>()!,
                _ => token,
            };
        }));
        handlebars.RegisterHelper("toJson", (HandlebarsReturnHelper)((_, arguments) => arguments[0] switch
        {
            null => "null",
            JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
            bool flag => flag ? "true" : "false",
            var other => new JValue(other.ToString()).ToString(Newtonsoft.Json.Formatting.None),
        }));

        // Java's jsonMerge: the second document's members over the first's, recursively; as a block, the block is the second.
        handlebars.RegisterHelper("jsonMerge", (HandlebarsReturnHelper)((_, arguments) => Merge(arguments[0], arguments[1])));
        handlebars.RegisterHelper("jsonMerge", (HandlebarsBlockHelper)((output, options, _, arguments) =>
            output.WriteSafeString(Merge(arguments[0], options.Template()))));
    }

    private static string Merge(object? first, object? second)
    {
        var merged = ParseOrNull(first?.ToString()) as JObject ?? [];
        merged.Merge(ParseOrNull(second?.ToString()), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        return merged.ToString(Newtonsoft.Json.Formatting.None);
    }

    private static JToken? ParseOrNull(string? json)
    {
        try
        {
            return json is null ? null : JToken.Parse(json);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
