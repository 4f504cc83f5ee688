using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using static StageConformance.Checks.AwsRestV1.PatchOp;

namespace StageConformance.Checks.AwsRestV1;

/// <summary>
/// Model-based property: a stage with or without a canary, then a random sequence of patches that create,
/// adjust, promote and remove canaries, mixed with invalid ones, each answer judged against
/// <see cref="StageModel"/>. Canaries come from UpdateStage and CreateStage only: CreateDeployment is
/// limited to one call every 5 seconds on AWS (docs/DECISIONS.md C5).
/// </summary>
public static class CanaryProperty
{
    public sealed record Case(StageSetup Setup, Patch[] Steps)
    {
        public override string ToString() => $"{Setup}, then {string.Join(", ", Steps.Select(s => s.ToString()))}";
    }

    private static readonly string[] OverrideNames = ["a", "b", "d"];

    public static void Run(CheckContext context, CanaryContract canary, string checkId)
    {
        var cases = Arb.From(
            from setup in SetupGen
            from count in Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 2, 10)))
            from steps in Gen.ArrayOf(StepGen, count)
            select new Case(setup, steps),
            Shrink);
        PropertyRunner.Run(context, checkId, cases, c => CanaryScenario.RunAsync(context, canary, c.Setup, c.Steps));
    }

    private static Gen<StageSetup> SetupGen =>
        from withCanary in Gen.Elements(true, false)
        from percent in Gen.Elements(0.0, 10.0, 50.0)
        from overrides in Gen.SubListOf(new[] { KeyValuePair.Create("a", "k1"), KeyValuePair.Create("b", "k2") })
        from useStageCache in Gen.Elements(true, false)
        select new StageSetup(withCanary, percent, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, overrides), useStageCache);

    private static Gen<Patch> Single(Gen<PatchOp> operation) => operation.Select(o => new Patch(o));

    private static Gen<PatchOp> Adjust =>
        Gen.OneOf(
            Gen.Elements("0", "12.5", "50", "100").Select(p => Replace("/canarySettings/percentTraffic", p)),
            Gen.Elements(Deployments.StageToken, Deployments.CanaryToken).Select(d => Replace("/canarySettings/deploymentId", d)),
            from name in Gen.Elements(OverrideNames)
            from value in Gen.Elements("x1", "y2")
            select Replace("/canarySettings/stageVariableOverrides/" + name, value),
            Gen.Elements("true", "false").Select(v => Replace("/canarySettings/useStageCache", v)),
            Gen.Elements("adjusted", "canary-release").Select(d => Replace("/description", d)),
            Gen.Elements(Deployments.StageToken, Deployments.CanaryToken).Select(d => Replace("/deploymentId", d)));

    private static Gen<PatchOp> Invalid =>
        Gen.OneOf(
            Gen.Elements(Add("/canarySettings/percentTraffic", "20"), Add("/canarySettings/deploymentId", Deployments.CanaryToken)),
            Gen.Elements(
                Replace("/canarySettings/badPath", "x"), Replace("/documentation_version", "1"), Replace("/tags/tag1", "v"), Replace("/canarySettings", "x")),
            Gen.Constant(Copy("/variables", "/canarySettings/stageVariableOverrides")),
            Gen.Elements("101", "-1", "100.5").Select(p => Replace("/canarySettings/percentTraffic", p)),
            Gen.Constant(Replace("/canarySettings/deploymentId", Deployments.MissingToken)));

    private static Gen<Patch> StepGen =>
        Gen.Frequency(
            (6, Single(Adjust)),
            (2, Single(Gen.Constant(Copy("/canarySettings/deploymentId", "/deploymentId")))),
            (2, Single(Gen.Constant(Copy("/canarySettings/stageVariableOverrides", "/variables")))),
            (1, Gen.Constant(new Patch(Copy("/canarySettings/deploymentId", "/deploymentId"), Copy("/canarySettings/stageVariableOverrides", "/variables")))),
            (2, Single(Gen.Constant(Remove("/canarySettings")))),
            (3, Single(Invalid)),
            (1, from valid in Adjust from invalid in Invalid select new Patch(valid, invalid)));

    /// <summary>Fewer steps first, then each patch of several operations split into its first one.</summary>
    private static IEnumerable<Case> Shrink(Case value)
    {
        for (var i = 0; i < value.Steps.Length; i++)
        {
            yield return value with { Steps = [.. value.Steps[..i], .. value.Steps[(i + 1)..]] };
        }

        for (var i = 0; i < value.Steps.Length; i++)
        {
            if (value.Steps[i].Operations.Count > 1)
            {
                var steps = value.Steps.ToArray();
                steps[i] = new Patch(value.Steps[i].Operations[0]);
                yield return value with { Steps = steps };
            }
        }
    }
}
