using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;

namespace StageConformance.SelfTests.Schemas;

/// <summary>An explicit null for an unset optional member is not a shape failure (docs/DECISIONS.md E4); a null required member is.</summary>
public sealed class ExplicitNullTests
{
    private static readonly Dictionary<string, string> Stages = new()
    {
        [DialectNames.AwsRestV1] = """
            { "stageName": "s", "deploymentId": "d", "cacheClusterEnabled": false, "cacheClusterStatus": "NOT_AVAILABLE",
              "methodSettings": {}, "tracingEnabled": false, "createdDate": 1, "lastUpdatedDate": 1 }
            """,
        [DialectNames.AwsHttpV2] = """
            { "stageName": "s", "createdDate": "2020-04-06T23:23:46Z", "lastUpdatedDate": "2020-04-06T23:23:46Z",
              "defaultRouteSettings": {}, "routeSettings": {}, "stageVariables": {}, "tags": {} }
            """,
        [DialectNames.Ncp] = """
            { "stage": { "stageId": "i", "apiId": "a", "stageName": "s", "endpointDomain": "https://x.example", "regTime": "2024-05-07T23:48:47Z",
              "isMaintenance": false, "enabledContentEncoding": false } }
            """,
    };

    public static IEnumerable<string> Dialects => DialectNames.Implemented;

    [TestCaseSource(nameof(Dialects))]
    public void Every_optional_member_may_be_null_and_no_required_one(string dialect)
    {
        var contract = DialectContract.Load(dialect);
        var schema = contract.StageSchema.Schema;
        var enveloped = schema["properties"]!["stage"] is not null;
        var stageSchema = enveloped ? schema["$defs"]!["stage"]! : schema;
        var required = stageSchema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        var wrong = new List<string>();
        foreach (var (member, _) in stageSchema["properties"]!.AsObject())
        {
            var body = JsonNode.Parse(Stages[dialect])!.AsObject();
            var stage = enveloped ? body["stage"]!.AsObject() : body;
            stage[member] = null;
            var violations = contract.StageSchema.Validate(body);
            if (required.Contains(member) == (violations.Count == 0))
            {
                wrong.Add($"{member} (required: {required.Contains(member)}): {string.Join("; ", violations)}");
            }
        }

        Assert.That(contract.StageSchema.Validate(JsonNode.Parse(Stages[dialect])), Is.Empty, "the stage without nulls conforms");
        Assert.That(wrong, Is.Empty);
    }
}
