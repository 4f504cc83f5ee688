using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StageConformance.Requirements;

namespace StageConformance.Checks;

/// <summary>
/// Model-based property: random sequences of create/get/delete/list over a few colliding names,
/// each answer compared with a model (a set of names). A mismatch is reported under the requirement
/// it breaks: a second create that succeeds breaks the duplicate rule, anything else the lifecycle.
/// </summary>
public static class LifecycleModel
{
    public enum Kind
    {
        Create,
        Get,
        Delete,
        List,
    }

    public sealed record Step(Kind Kind, int Name)
    {
        public override string ToString() => Kind == Kind.List ? "list" : $"{Kind.ToString().ToLowerInvariant()} #{Name}";
    }

    private const int Names = 3;

    public static Task RunAsync(CheckContext context)
    {
        var step = from kind in Gen.Frequency(
                       (4, Gen.Constant(Kind.Create)), (3, Gen.Constant(Kind.Get)), (3, Gen.Constant(Kind.Delete)), (2, Gen.Constant(Kind.List)))
                   from name in Gen.Choose(0, Names - 1)
                   select new Step(kind, name);
        var sequences = Arb.From(
            Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 2, 12)).SelectMany(n => Gen.ListOf(step, n))).Select(l => l.ToArray()),
            Shrink);
        var lifecycle = context.Contract.Requirements.RoleId(Roles.Lifecycle);
        PropertyRunner.Run(context, $"{lifecycle}/property:model", sequences, steps => ExecuteAsync(context, steps));
        return Task.CompletedTask;
    }

    private static IEnumerable<Step[]> Shrink(Step[] steps)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            yield return [.. steps[..i], .. steps[(i + 1)..]];
        }
    }

    private static async Task ExecuteAsync(CheckContext context, Step[] steps)
    {
        var requirements = context.Contract.Requirements;
        var lifecycle = requirements.RoleId(Roles.Lifecycle);
        var duplicate = requirements.RoleId(Roles.DuplicateConflict);
        var names = Enumerable.Range(0, Names).Select(i => context.UniqueName("m" + i)).ToArray();
        var model = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var step in steps)
            {
                var name = names[step.Name];
                switch (step.Kind)
                {
                    case Kind.Create:
                        var body = context.Contract.Request.Minimal(context.Api.References);
                        body[context.Contract.Request.IdentityMember] = name;
                        var created = await context.Api.CreateStageAsync(body);
                        if (model.Contains(name))
                        {
                            Verify.Status(created, requirements.StatusesFor(Roles.DuplicateConflict), duplicate);
                        }
                        else
                        {
                            Verify.Success(created, lifecycle);
                            model.Add(name);
                        }

                        break;
                    case Kind.Get:
                        var read = await context.Api.GetStageAsync(name);
                        Verify.Status(read, model.Contains(name) ? context.Contract.GetStage.SuccessStatus : 404, lifecycle);
                        break;
                    case Kind.Delete:
                        var deleted = await context.Api.DeleteStageAsync(name);
                        Verify.Status(deleted, model.Remove(name) ? context.Contract.DeleteStage.SuccessStatus : 404, lifecycle);
                        break;
                    case Kind.List:
                        var listed = await context.Api.ListStagesAsync();
                        Verify.Status(listed, context.Contract.GetStages.SuccessStatus, lifecycle);
                        // Only the stages of this case are judged: another check's stage that the target wrongly kept is that check's finding.
                        Verify.Schema(context.Contract.StageListSchema, Verify.OnlyStages(context, listed.ResponseJson(), names), lifecycle, listed, "a stage list");
                        var ours = context.Api.StageNamesOf(listed).Where(names.Contains).ToHashSet(StringComparer.Ordinal);
                        Verify.That(ours.SetEquals(model), lifecycle, "listed: [" + string.Join(", ", model.Order()) + "]",
                            "listed: [" + string.Join(", ", ours.Order()) + "]", listed);
                        break;
                }
            }
        }
        finally
        {
            foreach (var name in model)
            {
                await context.Api.DeleteStageAsync(name);
            }
        }
    }
}
