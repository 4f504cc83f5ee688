using System.Text.Json.Nodes;
using FsCheck.Fluent;
using StageConformance.Generation;
using StageConformance.Infrastructure;
using StageConformance.Requirements;

namespace StageConformance.Checks;

/// <summary>
/// Builds the checks of a dialect from its data alone (schemas/ and fixtures/), so the list is
/// known before any target is: NUnit lists it, reports and expectation files key on its ids.
/// </summary>
public static class CheckCatalogue
{
    private static readonly Dictionary<string, IReadOnlyList<Check>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<Check> For(string dialect)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(dialect, out var checks))
            {
                checks = Build(DialectContract.Load(dialect));
                Cache[dialect] = checks;
            }

            return checks;
        }
    }

    private static IReadOnlyList<Check> Build(DialectContract contract)
    {
        var checks = new List<Check>();
        var requirements = contract.Requirements;
        Check Make(string id, string requirement, string kind, string description, Func<CheckContext, Task> run, string? category = null) =>
            new(id, requirement, contract.Dialect, kind, description, category ?? requirements[requirement].Category, run);

        foreach (var example in Examples(contract.Dialect))
        {
            foreach (var role in example.Judges)
            {
                var requirement = requirements.RoleId(role);
                checks.Add(Make($"{requirement}/example:{example.Id}", requirement, "example",
                    $"{example.Description}: {requirements[requirement].Statement}",
                    context => ExampleAsync(context, example, requirement), example.Category));
            }
        }

        foreach (var probe in contract.Request.Probes)
        {
            checks.Add(Make(probe.Id, probe.Requirement, probe.Expectation == Expectation.Accepted ? "boundary" : "violation",
                probe.Description, context => ProbeAsync(context, probe)));
        }

        var nothingCreated = requirements.RoleId(Roles.RejectedNothingCreated);
        var late = contract.Request.Probes.FirstOrDefault(p => p.Expectation == Expectation.Rejected && p.Id.Contains("/reference:", StringComparison.Ordinal))
            ?? contract.Request.Probes.Last(p => p.Expectation == Expectation.Rejected && !p.PinsIdentity);
        checks.Add(Make($"{nothingCreated}/rejected-late", nothingCreated, "violation",
            $"a request rejected late in validation ({late.Description}) leaves no stage behind",
            context => RejectedAsync(context, context.WithFreshIdentity(late.Apply(context.Contract.Request.Minimal(context.Api.References), context.Api.References), false), late.Requirement)));

        var createStatus = requirements.RoleId(Roles.CreateStatus);
        checks.Add(Make($"{createStatus}/property:valid-requests", createStatus, "property",
            "any valid request is created (201), conforms, echoes what was sent and reads back the same",
            ValidRequestsProperty));

        foreach (var group in contract.Request.Probes.Where(p => p.Expectation == Expectation.Rejected).GroupBy(p => p.Requirement))
        {
            var violations = group.ToList();
            checks.Add(Make($"{group.Key}/property:single-violation", group.Key, "property",
                $"any valid request broken only by {requirements[group.Key].Statement.TrimEnd('.')} is rejected with 400 and creates nothing",
                context => SingleViolationProperty(context, $"{group.Key}/property:single-violation", violations)));
        }

        AddBehaviourChecks(checks, contract, Make);
        checks.AddRange(Dialects.DialectRegistry.ExtraChecks(contract));
        var duplicate = checks.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? checks : throw new InvalidDataException($"two checks share the id '{duplicate.Key}'");
    }

    private static void AddBehaviourChecks(List<Check> checks, DialectContract contract, Func<string, string, string, string, Func<CheckContext, Task>, string?, Check> make)
    {
        var r = contract.Requirements;
        var duplicate = r.RoleId(Roles.DuplicateConflict);
        checks.Add(make($"{duplicate}/second-create", duplicate, "behaviour",
            $"a second CreateStage with the same name is answered {Verify.Statuses(r.StatusesFor(Roles.DuplicateConflict))} and leaves the first stage unchanged", DuplicateAsync, null));

        var notFound = r.RoleId(Roles.ParentNotFound);
        checks.Add(make($"{notFound}/unknown-parent", notFound, "behaviour",
            $"CreateStage under an API id that does not exist is answered {Verify.Statuses(r.StatusesFor(Roles.ParentNotFound))}", ParentNotFoundAsync, null));

        var encoding = r.RoleId(Roles.ErrorEncoding);
        foreach (var (name, producer) in ErrorProducers(contract))
        {
            checks.Add(make($"{encoding}/{name}", encoding, "behaviour",
                $"the {name} error names a documented type and has the documented body", context => ErrorEncodingAsync(context, producer), null));
        }

        var lifecycle = r.RoleId(Roles.Lifecycle);
        checks.Add(make($"{lifecycle}/get-missing", lifecycle, "behaviour",
            "GetStage of a stage that never existed is answered 404", GetMissingAsync, null));
        checks.Add(make($"{lifecycle}/delete-then-get", lifecycle, "behaviour",
            "a deleted stage reads as 404 and is no longer listed", DeleteThenGetAsync, null));
        checks.Add(make($"{lifecycle}/property:model", lifecycle, "property",
            "random create/get/delete/list sequences with colliding names agree with a model of the stage set", LifecycleModel.RunAsync, null));

        var throttling = r.RoleId(Roles.Throttling);
        checks.Add(make($"{throttling}/burst", throttling, "behaviour",
            "a burst beyond the request budget is answered 429 with a documented throttling error", ThrottlingAsync, null));

        var auth = r.RoleId(Roles.Auth);
        var refused = string.Join('/', r.StatusesFor(Roles.Auth));
        checks.Add(make($"{auth}/unsigned", auth, "behaviour",
            $"an unsigned CreateStage is refused ({refused}) and creates nothing", context => AuthAsync(context, Http.SigningMode.Unsigned, auth), null));
        checks.Add(make($"{auth}/wrong-signature", auth, "behaviour",
            $"a CreateStage signed with the wrong secret is refused ({refused}) and creates nothing", context => AuthAsync(context, Http.SigningMode.WrongSecret, auth), null));
    }

    // ---- examples and probes ----

    private sealed record Example(string Id, string Description, JsonObject Body, IReadOnlyList<string> Judges, string? Category);

    private static IReadOnlyList<Example> Examples(string dialect)
    {
        var path = Path.Combine(RepositoryPaths.Fixtures, dialect, "examples.json");
        if (!File.Exists(path))
        {
            return [];
        }

        return JsonNode.Parse(File.ReadAllText(path))!["examples"]!.AsArray()
            .Select(e => new Example(
                e!["id"]!.GetValue<string>(),
                e["description"]!.GetValue<string>(),
                e["body"]!.AsObject(),
                e["judges"]!.AsArray().Select(j => j!.GetValue<string>()).ToList(),
                e["category"]?.GetValue<string>()))
            .ToList();
    }

    private static JsonObject Resolve(JsonObject template, IReferenceValues references)
    {
        var text = template.ToJsonString();
        foreach (var resource in new[] { "deployment" })
        {
            var token = "{{" + resource + "}}";
            if (text.Contains(token, StringComparison.Ordinal))
            {
                text = text.Replace(token, references.Existing(resource), StringComparison.Ordinal);
            }
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task ExampleAsync(CheckContext context, Example example, string requirement)
    {
        var body = context.WithFreshIdentity(Resolve(example.Body, context.Api.References), pinned: false);
        var created = await context.Api.CreateStageAsync(body);
        try
        {
            await Verify.CreatedStageAsync(context, body, created, new HashSet<string> { requirement });
        }
        finally
        {
            await DeleteIfCreatedAsync(context, body, created);
        }
    }

    private static async Task ProbeAsync(CheckContext context, Probe probe)
    {
        var body = probe.Apply(context.Contract.Request.Minimal(context.Api.References), context.Api.References);
        body = context.WithFreshIdentity(body, probe.PinsIdentity);
        if (probe.Expectation == Expectation.Accepted)
        {
            var created = await context.Api.CreateStageAsync(body);
            try
            {
                Verify.Success(created, probe.Requirement);
            }
            finally
            {
                await DeleteIfCreatedAsync(context, body, created);
            }

            return;
        }

        await RejectedAsync(context, body, probe.Requirement);
    }

    private static async Task RejectedAsync(CheckContext context, JsonObject body, string requirement)
    {
        var before = await Verify.StageNamesAsync(context);

        // A name a probe pins (too short to make unique) may be one an earlier case left: a target that wrongly
        // accepted it and cannot delete it would answer this case for that stage, not for this request.
        var identity = context.Contract.Request.IdentityMember;
        var sentName = body.TryGetPropertyValue(identity, out var sent) ? Http.JsonRead.Name(sent) ?? "null" : "null";
        if (before.Contains(sentName))
        {
            throw new CheckSkipped($"a stage named {sentName} is already there (an earlier case the target accepted and kept); this case cannot tell what it creates");
        }

        var answer = await context.Api.CreateStageAsync(body);
        if (answer.Status != 400)
        {
            // The wrong status is the verdict; a stage the target made on the way is only cleaned up.
            await Verify.DeleteNewStagesAsync(context, before);
            Verify.Status(answer, 400, requirement);
        }

        await Verify.NothingCreatedAsync(context, before, answer);
    }

    private static async Task DeleteIfCreatedAsync(CheckContext context, JsonObject body, Http.HttpExchange created)
    {
        // A target may accept a name of another JSON type; it is deleted by its text, or with its API at the end.
        if (created.Status is >= 200 and < 300 && Http.JsonRead.Name(Http.JsonRead.Member(body, context.Contract.Request.IdentityMember)) is { } name)
        {
            await context.Api.DeleteStageAsync(name);
        }
    }

    // ---- properties ----

    private static Task ValidRequestsProperty(CheckContext context)
    {
        var arbitrary = context.Contract.Request.Valid(context.Api.References);
        PropertyRunner.Run(context, $"{context.Contract.Requirements.RoleId(Roles.CreateStatus)}/property:valid-requests", arbitrary, async generated =>
        {
            var body = context.WithFreshIdentity((JsonObject)generated.DeepClone(), pinned: false);
            var created = await context.Api.CreateStageAsync(body);
            try
            {
                await Verify.CreatedStageAsync(context, body, created);
            }
            finally
            {
                await DeleteIfCreatedAsync(context, body, created);
            }
        });
        return Task.CompletedTask;
    }

    private static Task SingleViolationProperty(CheckContext context, string checkId, IReadOnlyList<Probe> violations)
    {
        var arbitrary = context.Contract.Request.ValidWithViolation(context.Api.References, violations);
        PropertyRunner.Run(context, checkId, arbitrary, async pair =>
        {
            var broken = pair.Probe.Apply((JsonObject)pair.Body.DeepClone(), context.Api.References);
            var body = context.WithFreshIdentity(broken, pair.Probe.PinsIdentity);
            await RejectedAsync(context, body, pair.Probe.Requirement);
        });
        return Task.CompletedTask;
    }

    // ---- behaviour ----

    internal static JsonObject MinimalWithName(CheckContext context, out string name)
    {
        var body = context.Contract.Request.Minimal(context.Api.References);
        name = context.UniqueName();
        body[context.Contract.Request.IdentityMember] = name;
        return body;
    }

    private static async Task DuplicateAsync(CheckContext context)
    {
        var requirement = context.Contract.Requirements.RoleId(Roles.DuplicateConflict);
        var marker = context.Contract.Request.MarkerMember;
        var first = MinimalWithName(context, out var name);
        first[marker] = "first";
        var created = await context.Api.CreateStageAsync(first);
        try
        {
            if (created.Status is < 200 or >= 300)
            {
                throw new CheckSkipped($"the first CreateStage was not accepted ({created.Status})");
            }

            var second = (JsonObject)first.DeepClone();
            second[marker] = "second";
            var again = await context.Api.CreateStageAsync(second);
            Verify.Status(again, context.Contract.Requirements.StatusesFor(Roles.DuplicateConflict), requirement);
            var read = await context.Api.GetStageAsync(name);
            var shown = context.Api.StageOf(read)?[marker];
            Verify.That(read.Status == context.Contract.GetStage.SuccessStatus && Echo.SameValue(shown, JsonValue.Create("first")),
                requirement, $"the first stage unchanged ({marker} \"first\")", $"status {read.Status}, {marker} {Echo.Show(shown)}", read);
        }
        finally
        {
            await DeleteIfCreatedAsync(context, first, created);
        }
    }

    private static async Task ParentNotFoundAsync(CheckContext context)
    {
        var body = MinimalWithName(context, out _);
        var answer = await context.Api.CreateStageOnMissingParentAsync(body);
        Verify.Status(answer, context.Contract.Requirements.StatusesFor(Roles.ParentNotFound), context.Contract.Requirements.RoleId(Roles.ParentNotFound));
    }

    private static IEnumerable<(string Name, ErrorProducer Produce)> ErrorProducers(DialectContract contract)
    {
        var identity = contract.Request.IdentityMember;
        yield return ("400-missing-" + identity, async context =>
        {
            var body = context.Contract.Request.Minimal(context.Api.References);
            body.Remove(identity);
            return (await context.Api.CreateStageAsync(body), [400], () => Task.CompletedTask);
        });
        var notFound = contract.Requirements.StatusesFor(Roles.ParentNotFound);
        yield return ($"{string.Join("-or-", notFound)}-unknown-parent", async context =>
        {
            var body = MinimalWithName(context, out _);
            return (await context.Api.CreateStageOnMissingParentAsync(body), notFound, () => Task.CompletedTask);
        });
        var duplicate = contract.Requirements.StatusesFor(Roles.DuplicateConflict);
        yield return ($"{string.Join("-or-", duplicate)}-duplicate", async context =>
        {
            var body = MinimalWithName(context, out var name);
            var first = await context.Api.CreateStageAsync(body);
            Func<Task> undo = () => DeleteIfCreatedAsync(context, body, first);
            return (await context.Api.CreateStageAsync(body), duplicate, undo);
        });
    }

    /// <summary>Makes an error answer: the exchange, the statuses that make it the error meant, and what undoes its side effects.</summary>
    internal delegate Task<(Http.HttpExchange Exchange, IReadOnlyList<int> Expected, Func<Task> Undo)> ErrorProducer(CheckContext context);

    /// <summary>Judges the encoding of the error a producer provokes; another status than the one meant says nothing about encoding.</summary>
    internal static async Task ErrorEncodingAsync(CheckContext context, ErrorProducer produce)
    {
        var (exchange, expected, undo) = await produce(context);
        try
        {
            if (!expected.Contains(exchange.Status))
            {
                throw new CheckSkipped($"the target answered {exchange.Status}, not {Verify.Statuses(expected)}; the status is judged by its own requirement");
            }

            Verify.ErrorEncoding(context, exchange, context.Contract.CreateStage);
        }
        finally
        {
            await undo();
        }
    }

    private static async Task GetMissingAsync(CheckContext context)
    {
        var answer = await context.Api.GetStageAsync(context.UniqueName("never"));
        Verify.Status(answer, 404, context.Contract.Requirements.RoleId(Roles.Lifecycle));
    }

    private static async Task DeleteThenGetAsync(CheckContext context)
    {
        var requirement = context.Contract.Requirements.RoleId(Roles.Lifecycle);
        var body = MinimalWithName(context, out var name);
        var created = await context.Api.CreateStageAsync(body);
        if (created.Status is < 200 or >= 300)
        {
            throw new CheckSkipped($"CreateStage was not accepted ({created.Status})");
        }

        var deleted = await context.Api.DeleteStageAsync(name);
        Verify.Status(deleted, context.Contract.DeleteStage.SuccessStatus, requirement);
        var read = await context.Api.GetStageAsync(name);
        Verify.Status(read, 404, requirement);
        var names = await Verify.StageNamesAsync(context);
        Verify.That(!names.Contains(name), requirement, $"'{name}' no longer listed", "still listed", read);
    }

    private static async Task ThrottlingAsync(CheckContext context)
    {
        var requirement = context.Contract.Requirements.RoleId(Roles.Throttling);
        var answers = await BurstAsync(context);
        var throttled = answers.Where(a => a.Status == 429).ToList();
        Verify.That(throttled.Count > 0, requirement, $"at least one 429 among {ThrottleBurstSize} concurrent requests",
            string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Count()}x {g.Key}")), answers[^1]);
        var sample = throttled[0];
        var type = context.Api.ErrorTypeOf(sample);
        var documented = context.Contract.GetStages.TypesFor(429);

        // How the error is encoded is the error-encoding requirement's business; the type, when named, is ours.
        Verify.That(type is null || documented.Contains(type), requirement,
            "a throttling error type: " + string.Join(" | ", documented), type ?? "none", sample);
        var wait = int.TryParse(sample.ResponseHeader("Retry-After"), out var seconds) ? Math.Clamp(seconds, 1, 10) : 1;
        await Task.Delay(TimeSpan.FromSeconds(wait));
    }

    /// <summary>AWS allows a burst of 40 control-plane requests; 60 at once exceed it without hammering.</summary>
    private const int ThrottleBurstSize = 60;

    /// <summary>Lists stages <see cref="ThrottleBurstSize"/> times at once as the identity a throttling probe may exhaust; 429s are kept, not retried.</summary>
    internal static Task<Http.HttpExchange[]> BurstAsync(CheckContext context) =>
        Task.WhenAll(Enumerable.Range(0, ThrottleBurstSize).Select(_ => context.Api.ListStagesAsync(context.ThrottleProbeClient, retryThrottled: false)));

    /// <summary>A CreateStage signed in the given way is refused with a status the auth role accepts, and creates nothing.</summary>
    internal static async Task AuthAsync(CheckContext context, Http.SigningMode mode, string requirement)
    {
        var refused = context.Contract.Requirements.StatusesFor(Roles.Auth);
        var body = MinimalWithName(context, out _);
        var before = await Verify.StageNamesAsync(context);
        var answer = await context.Api.CreateStageAsync(body, mode);
        if (!refused.Contains(answer.Status))
        {
            await Verify.DeleteNewStagesAsync(context, before);
            Verify.Status(answer, refused, requirement);
        }

        await Verify.NothingCreatedAsync(context, before, answer, requirement);
    }
}
