using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using StageConformance.Schemas;
using static StageConformance.Checks.AwsRestV1.CanaryRequirements;

namespace StageConformance.Checks.AwsRestV1;

public sealed record CanaryModelState(string DeploymentId, double PercentTraffic, ImmutableSortedDictionary<string, string> Overrides, bool UseStageCache);

public enum StepVerdict
{
    Accepted,
    Rejected,

    /// <summary>What the target does here was never captured from AWS, so the step is not sent (docs/DECISIONS.md C2).</summary>
    NotJudged,
}

/// <summary>
/// What a patch should do to a stage. <paramref name="Requirement"/> is the rule a rejection follows from, or for
/// an accepted patch the rule a refusal would break. <paramref name="Owners"/> names, per stage member the patch
/// writes, the rule that says what the member must then hold; <paramref name="Primary"/> is the rule of the first
/// operation, which also says what the patch must leave alone.
/// </summary>
public sealed record StepPrediction(
    StepVerdict Verdict, string Requirement, StageModel After, IReadOnlyDictionary<string, string> Owners, string Primary, string? Reason = null)
{
    public string OwnerOf(string member) => Owners.GetValueOrDefault(member, Primary);
}

/// <summary>
/// The members of a stage that canary operations change, as the documents say they should be, and the rules that
/// change them (aws-behavior.md section 1, "UpdateStage / canary / promotion"). Rules a patch breaks on its own come
/// from schemas/aws-rest-v1/update-stage.request.schema.json; the rules here are the ones that depend on the stage.
/// </summary>
public sealed record StageModel(string DeploymentId, string? Description, ImmutableSortedDictionary<string, string> Variables, CanaryModelState? Canary)
{
    /// <summary>Stage members compared after every step, in the order differences are reported; canarySettings stands for its presence.</summary>
    public static readonly IReadOnlyList<string> Members =
    [
        "deploymentId", "description", "variables", "canarySettings",
        "canarySettings/deploymentId", "canarySettings/percentTraffic", "canarySettings/stageVariableOverrides", "canarySettings/useStageCache",
    ];

    private static readonly string[] CanaryMembers = [.. Members.Where(m => m.StartsWith("canarySettings", StringComparison.Ordinal))];

    private const string OverridePrefix = "/canarySettings/stageVariableOverrides/";

    public StepPrediction Predict(Patch patch, Deployments deployments, SchemaValidator updateSchema)
    {
        var body = new JsonObject { ["patchOperations"] = patch.ToJson() };
        var staticViolations = updateSchema.Validate(body);
        var state = this;
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        string? refusal = null;
        string? primary = null;
        for (var i = 0; i < patch.Operations.Count; i++)
        {
            var operation = patch.Operations[i];
            if (staticViolations.FirstOrDefault(v => OperationIndex(v.InstancePath) == i) is { } violation)
            {
                return Rejection(violation.Requirement ?? throw new InvalidDataException($"{updateSchema.SourceName}: '{violation}' names no requirement"));
            }

            var step = state.Apply(operation, deployments);
            if (step.Verdict != StepVerdict.Accepted)
            {
                // A rejected patch leaves the stage as it was before its first operation.
                return step.Verdict == StepVerdict.Rejected ? Rejection(step.Requirement) : step;
            }

            foreach (var (member, owner) in step.Owners)
            {
                owners[member] = owner;
            }

            primary ??= step.Primary;
            // A refused patch is blamed on the canary it had to create, else on its first operation's rule.
            refusal = state.Canary is null && step.After.Canary is not null ? step.Requirement : refusal ?? step.Requirement;
            state = step.After;
        }

        return new(StepVerdict.Accepted, refusal ?? UpdateStatus, state, owners, primary ?? UpdateStatus);
    }

    /// <summary>One operation the patch schema accepted (so a copy to /deploymentId is the promotion), on this state.</summary>
    private StepPrediction Apply(PatchOp operation, Deployments deployments)
    {
        switch (operation.Op, operation.Path)
        {
            case ("replace", "/description"):
                return Accepted(this with { Description = operation.Value }, Replace, Replace, "description");
            case ("replace", "/deploymentId"):
                return deployments.Exists(operation.Value!)
                    ? Accepted(this with { DeploymentId = operation.Value! }, Replace, Replace, "deploymentId")
                    : NotJudged("replace /deploymentId with a missing deployment is not a canary rule");
            case ("remove", "/canarySettings"):
                return Canary is null
                    ? NotJudged("remove /canarySettings without a canary was not captured")
                    : Accepted(this with { Canary = null }, CanaryRemove, CanaryRemove, CanaryMembers);
            case ("replace", "/canarySettings/percentTraffic"):
                var percent = double.Parse(operation.Value!, CultureInfo.InvariantCulture);
                return Canary is null
                    ? Accepted(this with { Canary = NewCanary(DeploymentId, percent) }, CanaryImplicit, CanaryImplicit, CanaryMembers)
                    : Accepted(this with { Canary = Canary with { PercentTraffic = percent } }, CanaryReplace, CanaryPercentTraffic, "canarySettings/percentTraffic");
            case ("replace", "/canarySettings/deploymentId"):
                var canaryDeployment = operation.Value!;
                if (!deployments.Exists(canaryDeployment))
                {
                    return Rejection(CanaryDeploymentIdExists);
                }

                return Canary is null
                    ? Accepted(this with { Canary = NewCanary(canaryDeployment, 0) }, CanaryImplicit, CanaryImplicit, CanaryMembers)
                    : Accepted(this with { Canary = Canary with { DeploymentId = canaryDeployment } }, CanaryReplace, CanaryReplace, "canarySettings/deploymentId");
            case ("replace", "/canarySettings/useStageCache"):
                return Canary is null
                    ? NotJudged("replace /canarySettings/useStageCache without a canary was not captured")
                    : Accepted(
                        this with { Canary = Canary with { UseStageCache = bool.Parse(operation.Value!) } },
                        CanaryReplace, CanaryReplace, "canarySettings/useStageCache");
            case ("replace", var path) when path.StartsWith(OverridePrefix, StringComparison.Ordinal):
                return Canary is null
                    ? NotJudged("replace of an override without a canary was not captured")
                    : Accepted(
                        this with { Canary = Canary with { Overrides = Canary.Overrides.SetItem(path[OverridePrefix.Length..], operation.Value!) } },
                        CanaryReplace, CanaryReplace, "canarySettings/stageVariableOverrides");
            case ("remove", "/accessLogSettings/destinationArn" or "/accessLogSettings/format"):
                // The suite's stages never have access logs (they need a CloudWatch Logs group), so a removed member is never set.
                return Rejection(AccessLogSettings);
            case ("copy", "/deploymentId"):
                return Canary is null
                    ? Rejection(PromoteNoCanary)
                    : Accepted(this with { DeploymentId = Canary.DeploymentId }, PromoteDeployment, PromoteDeployment, "deploymentId");
            case ("copy", "/variables"):
                if (Canary is null)
                {
                    return Rejection(PromoteNoCanary);
                }

                return Canary.Overrides.IsEmpty
                    ? NotJudged("promoting a canary without overrides was not captured")
                    : Accepted(this with { Variables = Variables.SetItems(Canary.Overrides) }, PromoteVariables, PromoteVariables, "variables");
            default:
                return NotJudged($"'{operation}' is not modelled");
        }
    }

    private static CanaryModelState NewCanary(string deploymentId, double percentTraffic) =>
        new(deploymentId, percentTraffic, ImmutableSortedDictionary<string, string>.Empty, false);

    private StepPrediction Rejection(string requirement) => new(StepVerdict.Rejected, requirement, this, new Dictionary<string, string>(), requirement);

    private StepPrediction NotJudged(string reason) => new(StepVerdict.NotJudged, "", this, new Dictionary<string, string>(), "", reason);

    private static StepPrediction Accepted(StageModel after, string owner, string refusal, params string[] members) =>
        new(StepVerdict.Accepted, refusal, after, members.ToDictionary(m => m, _ => owner, StringComparer.Ordinal), owner);

    private static int? OperationIndex(string instancePath)
    {
        var segments = instancePath.Split('/');
        return segments.Length > 2 && segments[1] == "patchOperations" && int.TryParse(segments[2], CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>Members whose observed value is not the one the model holds, with both values shown.</summary>
    public IReadOnlyList<(string Member, string Difference)> Differences(JsonNode? observed)
    {
        var expected = ToJson();
        var differences = new List<(string, string)>();
        // Without a canary on both sides its members say nothing more than the canarySettings difference does.
        var canaryOnBothSides = expected["canarySettings"] is not null && At(observed, "canarySettings") is not null;
        foreach (var member in Members)
        {
            var want = At(expected, member);
            var got = At(observed, member);
            var differs = member == "canarySettings" ? (want is null) != (got is null)
                : member.StartsWith("canarySettings/", StringComparison.Ordinal) && !canaryOnBothSides ? false
                : !SameMember(want, got);
            if (differs)
            {
                differences.Add((member, $"/{member}: expected {Echo.Show(want)}, observed {Echo.Show(got)}"));
            }
        }

        return differences;
    }

    /// <summary>An empty map may be absent (docs/DECISIONS.md D14); an unset description may read as "" (M8); numbers compare by value.</summary>
    private static bool SameMember(JsonNode? want, JsonNode? got) =>
        (want is JsonObject { Count: 0 } && got is null) || (got is JsonObject { Count: 0 } && want is null)
        || (want is null && Http.JsonRead.String(got) == "") || Echo.SameValue(want, got);

    private static JsonNode? At(JsonNode? node, string member)
    {
        foreach (var segment in member.Split('/'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["deploymentId"] = DeploymentId };
        if (Description is not null)
        {
            json["description"] = Description;
        }

        json["variables"] = Map(Variables);
        if (Canary is { } canary)
        {
            json["canarySettings"] = new JsonObject
            {
                ["deploymentId"] = canary.DeploymentId,
                ["percentTraffic"] = canary.PercentTraffic,
                ["stageVariableOverrides"] = Map(canary.Overrides),
                ["useStageCache"] = canary.UseStageCache,
            };
        }

        return json;
    }

    private static JsonObject Map(ImmutableSortedDictionary<string, string> map) =>
        new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
}
