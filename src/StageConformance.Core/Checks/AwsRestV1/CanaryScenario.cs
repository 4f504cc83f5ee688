using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using StageConformance.Dialects.AwsRestV1;
using StageConformance.Http;
using StageConformance.Infrastructure;
using StageConformance.Schemas;
using static StageConformance.Checks.AwsRestV1.CanaryRequirements;

namespace StageConformance.Checks.AwsRestV1;

/// <summary>What schemas/aws-rest-v1/ says about the operations canary checks call beyond the stage ones.</summary>
public sealed record CanaryContract(SchemaValidator UpdateSchema, SchemaValidator DeploymentSchema, OperationContract UpdateStage, OperationContract CreateDeployment)
{
    /// <exception cref="KeyNotFoundException">A schema names a requirement requirements.json does not have.</exception>
    public static CanaryContract For(DialectContract contract)
    {
        var folder = Path.Combine(RepositoryPaths.Schemas, contract.Dialect);
        var canary = new CanaryContract(
            SchemaValidator.Load(Path.Combine(folder, "update-stage.request.schema.json")),
            SchemaValidator.Load(Path.Combine(folder, "deployment.response.schema.json")),
            contract.Operation("UpdateStage"),
            contract.Operation("CreateDeployment"));
        foreach (var requirement in RequirementsNamedIn(canary.UpdateSchema.Schema).Concat(RequirementsNamedIn(canary.DeploymentSchema.Schema)))
        {
            _ = contract.Requirements[requirement];
        }

        return canary;
    }

    private static IEnumerable<string> RequirementsNamedIn(JsonNode? schema) => schema switch
    {
        JsonObject obj => obj.SelectMany(member => member.Key switch
        {
            "x-requirement" => [member.Value!.GetValue<string>()],
            "x-requirements" => member.Value!.AsObject().Select(k => k.Value!.GetValue<string>()),
            _ => RequirementsNamedIn(member.Value),
        }),
        JsonArray array => array.SelectMany(RequirementsNamedIn),
        _ => [],
    };
}

/// <summary>The stage a canary case starts from: on the run's deployment, with two variables, with or without a canary.</summary>
public sealed record StageSetup(bool WithCanary, double PercentTraffic, ImmutableSortedDictionary<string, string> Overrides, bool UseStageCache)
{
    /// <summary>Never empty, so that a target whose GetStage drops variables fails the precondition, not a canary rule.</summary>
    public static readonly ImmutableSortedDictionary<string, string> Variables =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a", "s1"), KeyValuePair.Create("c", "s3")]);

    public static StageSetup Standard(bool withCanary) => new(
        withCanary, 10, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a", "k1"), KeyValuePair.Create("b", "k2")]), false);

    public StageModel Model(Deployments deployments) =>
        new(deployments.Stage, null, Variables, WithCanary ? new(deployments.Canary, PercentTraffic, Overrides, UseStageCache) : null);

    /// <summary>The CreateStage body that makes this stage.</summary>
    public JsonObject Body(string stageName, Deployments deployments)
    {
        var model = Model(deployments).ToJson();
        model["stageName"] = stageName;
        if (model["canarySettings"] is JsonObject { } canary && Overrides.IsEmpty)
        {
            canary.Remove("stageVariableOverrides");
        }

        return model;
    }

    public override string ToString() => WithCanary
        ? string.Create(CultureInfo.InvariantCulture, $"stage with canary {{percentTraffic {PercentTraffic}, overrides {{{string.Join(", ", Overrides.Select(o => $"{o.Key}={o.Value}"))}}}, useStageCache {UseStageCache}}}")
        : "stage without canary";
}

/// <summary>
/// Runs a canary case: creates its stage, sends each patch, judges every answer against the model
/// (<see cref="StageModel"/>), and deletes the stage again, also when a judgement fails.
/// </summary>
public static class CanaryScenario
{
    /// <summary>Members that move on their own (docs/DECISIONS.md D13), left out when the UpdateStage answer is compared with GetStage.</summary>
    private static readonly string[] Volatile = ["cacheClusterStatus", "lastUpdatedDate"];

    public static AwsRestV1StageApi Api(CheckContext context) =>
        context.Api as AwsRestV1StageApi ?? throw new InvalidOperationException($"the canary checks need the aws-rest-v1 adapter, not {context.Api.GetType().Name}");

    public static async Task<Deployments> DeploymentsAsync(AwsRestV1StageApi api) =>
        new(api.Existing("deployment"), await api.CanaryDeploymentAsync(), api.Missing("deployment"));

    /// <param name="declared">What the case's data says the target must do with its one patch; the model must agree.</param>
    public static async Task RunAsync(CheckContext context, CanaryContract canary, StageSetup setup, IReadOnlyList<Patch> steps, StepVerdict? declared = null)
    {
        var api = Api(context);
        var deployments = await DeploymentsAsync(api);
        var name = context.UniqueName("canary");
        var created = await api.CreateStageAsync(setup.Body(name, deployments));
        if (created.Status is < 200 or >= 300)
        {
            throw new CheckSkipped($"CreateStage of the {setup} answered {created.Status}; the CreateStage requirements judge that");
        }

        try
        {
            var model = setup.Model(deployments);
            var (_, start) = await ReadAsync(context, name);
            if (start is null || model.Differences(start).Count > 0)
            {
                throw new CheckSkipped($"GetStage does not show the {setup} as created; {context.Contract.Requirements.RoleId(Requirements.Roles.GetAgrees)} judges that");
            }

            foreach (var step in steps)
            {
                var patch = step.Resolve(deployments);
                var prediction = model.Predict(patch, deployments, canary.UpdateSchema);
                if (declared is { } verdict && prediction.Verdict != verdict)
                {
                    throw new InvalidDataException($"the case says {patch} is {verdict}, the model says {prediction.Verdict} {prediction.Reason}");
                }

                if (prediction.Verdict == StepVerdict.NotJudged)
                {
                    continue;
                }

                var answer = await api.UpdateStageAsync(name, patch.ToJson());
                if (prediction.Verdict == StepVerdict.Rejected)
                {
                    await JudgeRejectedAsync(context, name, model, patch, prediction, answer);
                }
                else
                {
                    await JudgeAcceptedAsync(context, canary, name, patch, prediction, answer);
                    model = prediction.After;
                }
            }
        }
        finally
        {
            await api.DeleteStageAsync(name);
        }
    }

    private static async Task JudgeRejectedAsync(CheckContext context, string name, StageModel model, Patch patch, StepPrediction prediction, HttpExchange answer)
    {
        Verify.That(answer.Status == 400, prediction.Requirement, $"status 400 for {patch}", Verify.Observed(answer), answer);
        var (_, stage) = await ReadAsync(context, name);
        var changes = model.Differences(stage);

        // The evidence is the patch that changed the stage (its reproducer), what GetStage then showed is the observation.
        Verify.That(changes.Count == 0, RejectedUnchanged, $"the stage as before the rejected {patch}", "GetStage shows " + string.Join("; ", changes.Select(c => c.Difference)), answer);
    }

    private static async Task JudgeAcceptedAsync(CheckContext context, CanaryContract canary, string name, Patch patch, StepPrediction prediction, HttpExchange answer)
    {
        var success = canary.UpdateStage.SuccessStatus;

        // A refusal breaks the rule that says the patch must be accepted; any other success status breaks the status rule.
        Verify.That(answer.Status is >= 200 and < 300, prediction.Requirement, $"status {success} for {patch}", Verify.Observed(answer), answer);
        Verify.Status(answer, success, UpdateStatus);

        var (read, stage) = await ReadAsync(context, name);
        Verify.That(stage is not null, UpdateAgrees, $"GetStage {context.Contract.GetStage.SuccessStatus} after {patch}", Verify.Observed(read), read);
        var disagreements = Disagreements(context.Api.StageOf(answer), stage);
        Verify.That(disagreements.Count == 0, UpdateAgrees, $"GetStage showing the stage UpdateStage answered for {patch}", string.Join("; ", disagreements), answer);

        var differences = prediction.After.Differences(stage);
        if (differences.Count > 0)
        {
            Verify.That(false, prediction.OwnerOf(differences[0].Member), $"after {patch}: {prediction.After.ToJson().ToJsonString()}",
                "GetStage shows " + string.Join("; ", differences.Select(d => d.Difference)), answer);
        }
    }

    private static async Task<(HttpExchange Read, JsonNode? Stage)> ReadAsync(CheckContext context, string name)
    {
        var read = await context.Api.GetStageAsync(name);
        return (read, read.Status == context.Contract.GetStage.SuccessStatus ? context.Api.StageOf(read) : null);
    }

    private static List<string> Disagreements(JsonNode? answered, JsonNode? read)
    {
        var answeredObject = answered as JsonObject ?? new JsonObject();
        var readObject = read as JsonObject ?? new JsonObject();
        return answeredObject.Select(m => m.Key).Union(readObject.Select(m => m.Key))
            .Where(member => !Volatile.Contains(member) && !Echo.SameValue(answeredObject[member], readObject[member]))
            .Select(member => $"/{member}: UpdateStage said {Echo.Show(answeredObject[member])}, GetStage says {Echo.Show(readObject[member])}")
            .ToList();
    }
}
