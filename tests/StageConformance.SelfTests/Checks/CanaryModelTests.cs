using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Checks.AwsRestV1;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using static StageConformance.Checks.AwsRestV1.PatchOp;

namespace StageConformance.SelfTests.Checks;

public sealed class CanaryModelTests
{
    private static readonly Deployments Ids = new("stagedepl1", "canarydepl", "zzmissing1");
    private static readonly CanaryContract Contract = CanaryContract.For(DialectContract.Load(DialectNames.AwsRestV1));

    private static StageModel WithCanary => StageSetup.Standard(withCanary: true).Model(Ids);

    private static StageModel WithoutCanary => StageSetup.Standard(withCanary: false).Model(Ids);

    private static StepPrediction Predict(StageModel model, params PatchOp[] operations) =>
        model.Predict(new Patch(operations).Resolve(Ids), Ids, Contract.UpdateSchema);

    public static IEnumerable<TestCaseData> FixtureCases()
    {
        var path = Path.Combine(RepositoryPaths.Fixtures, "aws-rest-v1", "update-stage.cases.json");
        return JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray().Select(c => new TestCaseData(c!.AsObject()).SetArgDisplayNames(c["id"]!.GetValue<string>()));
    }

    [TestCaseSource(nameof(FixtureCases))]
    public void The_model_agrees_with_what_each_fixture_case_says(JsonObject fixture)
    {
        var model = fixture["canary"]!.GetValue<bool>() ? WithCanary : WithoutCanary;
        var patch = new Patch(fixture["patch"]!.AsArray().Select(o => Read(o!)).ToArray()).Resolve(Ids);
        var requirement = fixture["requirement"]!.GetValue<string>();

        var prediction = model.Predict(patch, Ids, Contract.UpdateSchema);

        Assert.That(prediction.Verdict.ToString(), Is.EqualTo(fixture["expect"]!.GetValue<string>()).IgnoreCase, prediction.Reason);
        if (prediction.Verdict == StepVerdict.Rejected && requirement != CanaryRequirements.RejectedUnchanged)
        {
            Assert.That(prediction.Requirement, Is.EqualTo(requirement));
        }
    }

    [TestCase("add", "/canarySettings/useStageCache", "true", "v1.update.canary.add")]
    [TestCase("replace", "/canarySettings", "x", "v1.update.unsupported")]
    [TestCase("replace", "/canarySettings/badPath", "x", "v1.update.unsupported")]
    [TestCase("move", "/description", "x", "v1.update.unsupported")]
    [TestCase("replace", "/canarySettings/percentTraffic", "100.5", "v1.update.canary.percentTraffic")]
    [TestCase("replace", "/canarySettings/deploymentId", "{{missing-deployment}}", "v1.update.canary.deploymentId.exists")]
    public void Each_invalid_operation_is_rejected_under_its_rule(string op, string path, string value, string requirement)
    {
        var prediction = Predict(WithCanary, new PatchOp(op, path, value));

        Assert.That((prediction.Verdict, prediction.Requirement), Is.EqualTo((StepVerdict.Rejected, requirement)));
    }

    [Test]
    public void A_rejected_patch_predicts_the_stage_before_its_first_operation()
    {
        var prediction = Predict(WithCanary, Replace("/description", "x"), Add("/canarySettings/percentTraffic", "1"));

        Assert.That(prediction.After.ToJson().ToJsonString(), Is.EqualTo(WithCanary.ToJson().ToJsonString()));
    }

    [Test]
    public void Promotion_moves_the_deployment_merges_the_overrides_and_keeps_the_canary()
    {
        var prediction = Predict(
            WithCanary, Copy("/canarySettings/deploymentId", "/deploymentId"), Copy("/canarySettings/stageVariableOverrides", "/variables"));

        Assert.That(prediction.Verdict, Is.EqualTo(StepVerdict.Accepted));
        Assert.That(prediction.After.DeploymentId, Is.EqualTo(Ids.Canary));
        Assert.That(prediction.After.Variables, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "k1", ["b"] = "k2", ["c"] = "s3" }));
        Assert.That(prediction.After.ToJson()["canarySettings"]!.ToJsonString(), Is.EqualTo(WithCanary.ToJson()["canarySettings"]!.ToJsonString()));
        Assert.That(prediction.OwnerOf("variables"), Is.EqualTo(CanaryRequirements.PromoteVariables));
        Assert.That(prediction.OwnerOf("canarySettings"), Is.EqualTo(CanaryRequirements.PromoteDeployment));
    }

    [Test]
    public void Replacing_a_canary_member_without_a_canary_creates_one_and_a_refusal_breaks_that_rule()
    {
        var prediction = Predict(WithoutCanary, Replace("/description", "x"), Replace("/canarySettings/percentTraffic", "25"));

        Assert.That(
            prediction.After.ToJson()["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{Ids.Stage}}","percentTraffic":25,"stageVariableOverrides":{},"useStageCache":false}"""));
        Assert.That(prediction.Requirement, Is.EqualTo(CanaryRequirements.CanaryImplicit));
    }

    [Test]
    public void A_refused_traffic_change_on_an_existing_canary_breaks_the_range_rule()
    {
        var prediction = Predict(WithCanary, Replace("/canarySettings/percentTraffic", "100"));

        Assert.That((prediction.Requirement, prediction.OwnerOf("canarySettings/percentTraffic")),
            Is.EqualTo((CanaryRequirements.CanaryPercentTraffic, CanaryRequirements.CanaryReplace)));
    }

    [TestCase(false, "remove", "/canarySettings", null)]
    [TestCase(false, "replace", "/canarySettings/useStageCache", "true")]
    [TestCase(false, "replace", "/canarySettings/stageVariableOverrides/a", "x")]
    public void Operations_whose_outcome_was_never_captured_are_not_judged(bool canary, string op, string path, string? value)
    {
        var prediction = Predict(canary ? WithCanary : WithoutCanary, new PatchOp(op, path, value));

        Assert.That(prediction.Verdict, Is.EqualTo(StepVerdict.NotJudged));
    }

    [Test]
    public void Promoting_a_canary_without_overrides_is_not_judged()
    {
        var model = WithCanary with { Canary = WithCanary.Canary! with { Overrides = ImmutableSortedDictionary<string, string>.Empty } };

        Assert.That(Predict(model, Copy("/canarySettings/stageVariableOverrides", "/variables")).Verdict, Is.EqualTo(StepVerdict.NotJudged));
    }

    [Test]
    public void Differences_accept_absent_empty_maps_and_numbers_by_value_and_name_each_member()
    {
        var observed = JsonNode.Parse("""
            {"deploymentId": "stagedepl1", "variables": {"a": "s1", "c": "s3"},
             "canarySettings": {"deploymentId": "canarydepl", "percentTraffic": 10.0, "stageVariableOverrides": {"a": "k1", "b": "k2"}, "useStageCache": false}}
            """);
        Assert.That(WithCanary.Differences(observed), Is.Empty);

        observed!["canarySettings"]!["useStageCache"] = "false";
        observed["description"] = "";
        Assert.That(WithCanary.Differences(observed).Select(d => d.Member), Is.EqualTo(new[] { "canarySettings/useStageCache" }), "an unset description may read as \"\" (DECISIONS M8)");
        observed["description"] = "x";
        Assert.That(WithCanary.Differences(observed).Select(d => d.Member), Is.EqualTo(new[] { "description", "canarySettings/useStageCache" }));

        var empty = WithoutCanary with { Variables = ImmutableSortedDictionary<string, string>.Empty };
        Assert.That(empty.Differences(JsonNode.Parse("""{"deploymentId": "stagedepl1"}""")), Is.Empty);
        Assert.That(WithoutCanary.Differences(observed).Select(d => d.Member), Is.EqualTo(new[] { "description", "canarySettings" }));
    }
}
