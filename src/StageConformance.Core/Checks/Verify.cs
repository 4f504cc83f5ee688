using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Http;
using StageConformance.Requirements;

namespace StageConformance.Checks;

/// <summary>The assertions checks are made of. Each names the requirement it judges; none reads a message text.</summary>
public static class Verify
{
    /// <summary>How far a timestamp may sit from this machine's clock (SigV4 tolerates the same skew).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(15);

    public static void That(bool condition, string requirement, string expected, string observed, HttpExchange? exchange)
    {
        if (!condition)
        {
            throw new CheckFailure(requirement, expected, observed, exchange);
        }
    }

    public static void Status(HttpExchange exchange, int status, string requirement) =>
        That(exchange.Status == status, requirement, $"status {status}", Observed(exchange), exchange);

    public static void Status(HttpExchange exchange, IReadOnlyList<int> statuses, string requirement) =>
        That(statuses.Contains(exchange.Status), requirement, "status " + Statuses(statuses), Observed(exchange), exchange);

    /// <summary>"409", "400 or 409", "401, 403 or 404".</summary>
    public static string Statuses(IReadOnlyList<int> statuses) =>
        statuses.Count == 1 ? $"{statuses[0]}" : $"{string.Join(", ", statuses.SkipLast(1))} or {statuses[^1]}";

    public static void Success(HttpExchange exchange, string requirement) =>
        That(exchange.Status is >= 200 and < 300, requirement, "a 2xx status", Observed(exchange), exchange);

    public static string Observed(HttpExchange exchange)
    {
        var body = exchange.ResponseBody.Length > 240 ? exchange.ResponseBody[..240] + "..." : exchange.ResponseBody;
        return $"status {exchange.Status} {body}".TrimEnd();
    }

    /// <summary>Response schema violations that belong to the given requirement (other requirements judge theirs).</summary>
    public static void Schema(Schemas.SchemaValidator schema, JsonNode? instance, string requirement, HttpExchange exchange, string what)
    {
        IReadOnlyList<Schemas.SchemaViolation> all;
        try
        {
            all = schema.Validate(instance);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // The validator reads numbers as decimals; an answer with one beyond that range (1e308) cannot be judged.
            throw new UnreadableAnswerException($"the answer holds a number beyond what the schema validator reads: {Verdicts.Short(exchange)}", exchange);
        }

        var violations = all.Where(v => v.Requirement == requirement).ToList();
        That(violations.Count == 0, requirement, $"{what} conforming to {schema.SourceName}",
            string.Join("; ", violations.Take(5).Select(v => v.ToString())), exchange);
    }

    /// <summary>
    /// Judges a CreateStage call made with a valid request, requirement by requirement in a fixed
    /// order, and stops at the first broken one: status, shape, timestamps, echo, then GetStage.
    /// </summary>
    public static async Task CreatedStageAsync(CheckContext context, JsonObject sent, HttpExchange created, IReadOnlySet<string>? only = null)
    {
        var requirements = context.Contract.Requirements;
        bool Judged(string role) => only is null || only.Contains(requirements.RoleId(role));
        var statusRequirement = requirements.RoleId(Roles.CreateStatus);

        if (Judged(Roles.CreateStatus))
        {
            Status(created, context.Contract.CreateStage.SuccessStatus, statusRequirement);
        }
        else if (created.Status is < 200 or >= 300)
        {
            throw new CheckSkipped($"CreateStage did not succeed ({created.Status}); {statusRequirement} judges that");
        }

        var stage = context.Api.StageOf(created);
        if (Judged(Roles.StageShape))
        {
            // The schema describes the whole body, so a dialect's envelope around the stage is judged too.
            Schema(context.Contract.StageSchema, created.ResponseJson(), requirements.RoleId(Roles.StageShape), created, "a Stage");
        }

        if (Judged(Roles.Timestamps))
        {
            Timestamps(context, stage, created, DateTimeOffset.UtcNow);
        }

        if (Judged(Roles.Echo))
        {
            var differences = Echo.Differences(sent, stage, context.Contract.Request.Root);
            That(differences.Count == 0, requirements.RoleId(Roles.Echo), "every member sent, with the value sent", string.Join("; ", differences), created);
        }

        if (Judged(Roles.GetAgrees))
        {
            await GetAgreesAsync(context, sent, stage, requirements.RoleId(Roles.GetAgrees));
        }
    }

    private static async Task GetAgreesAsync(CheckContext context, JsonObject sent, JsonNode? createdStage, string requirement)
    {
        var name = JsonRead.String(sent, context.Contract.Request.IdentityMember)
            ?? throw new CheckSkipped("the request names no stage to read back");
        var read = await context.Api.GetStageAsync(name);
        Status(read, context.Contract.GetStage.SuccessStatus, requirement);
        var stage = context.Api.StageOf(read);
        var differences = Echo.Differences(sent, stage, context.Contract.Request.Root).ToList();
        foreach (var member in context.Contract.StageSchema.Schema["x-stable"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            if (!Echo.SameValue(createdStage?[member], stage?[member]))
            {
                differences.Add($"/{member}: CreateStage said {Echo.Show(createdStage?[member])}, GetStage says {Echo.Show(stage?[member])}");
            }
        }

        That(differences.Count == 0, requirement, "GetStage showing the stage as created", string.Join("; ", differences), read);
    }

    /// <summary>The timestamp members (x-timestamps in the stage schema) are near now and in order.</summary>
    public static void Timestamps(CheckContext context, JsonNode? stage, HttpExchange exchange, DateTimeOffset now)
    {
        var requirement = context.Contract.Requirements.RoleId(Roles.Timestamps);
        Schema(context.Contract.StageSchema, exchange.ResponseJson(), requirement, exchange, "timestamps");
        var members = context.Contract.StageSchema.Schema["x-timestamps"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        var values = new List<DateTimeOffset>();
        foreach (var member in members)
        {
            var node = stage?[member];
            var parsed = ParseTimestamp(node);
            That(parsed is not null, requirement, $"{member} as a timestamp", Echo.Show(node), exchange);
            That((parsed!.Value - now).Duration() <= ClockTolerance, requirement,
                $"{member} within {ClockTolerance.TotalMinutes} minutes of {now:O}", $"{Echo.Show(node)} = {parsed:O}", exchange);
            values.Add(parsed.Value);
        }

        for (var i = 1; i < values.Count; i++)
        {
            That(values[i] >= values[i - 1], requirement, $"{members[i]} not before {members[i - 1]}",
                $"{values[i]:O} < {values[i - 1]:O}", exchange);
        }
    }

    /// <summary>Epoch seconds as a JSON number, or an ISO-8601 string; which one a dialect uses its schema says.</summary>
    public static DateTimeOffset? ParseTimestamp(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var seconds = Echo.Number(value);
            return seconds is > -62135596800 and < 253402300799 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
        }

        return value.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>A copy of a stage list keeping, in every array, only the stages named (a check judges what it created).</summary>
    public static JsonNode? OnlyStages(CheckContext context, JsonNode? list, IReadOnlyCollection<string> names)
    {
        if (list?.DeepClone() is not JsonObject copy)
        {
            return list;
        }

        var identity = context.Contract.Request.IdentityMember;
        foreach (var member in copy.Select(m => m.Key).ToList())
        {
            if (copy[member] is JsonArray items)
            {
                copy[member] = new JsonArray([.. items
                    .Where(i => JsonRead.Name(JsonRead.Member(i, identity)) is { } name && names.Contains(name))
                    .Select(i => i?.DeepClone())]);
            }
        }

        return copy;
    }

    public static async Task<IReadOnlySet<string>> StageNamesAsync(CheckContext context)
    {
        var list = await context.Api.ListStagesAsync();
        if (list.Status != context.Contract.GetStages.SuccessStatus)
        {
            throw new CheckSkipped($"GetStages answered {list.Status}; cannot tell whether anything was created");
        }

        return context.Api.StageNamesOf(list).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>After a rejected request the stage list holds nothing new; anything new is deleted again.</summary>
    public static async Task NothingCreatedAsync(CheckContext context, IReadOnlySet<string> before, HttpExchange rejected, string? requirement = null)
    {
        var created = await DeleteNewStagesAsync(context, before);

        That(created.Count == 0, requirement ?? context.Contract.Requirements.RoleId(Roles.RejectedNothingCreated),
            "no new stage after a rejected request", "new stage(s): " + string.Join(", ", created), rejected);
    }

    /// <summary>Deletes the stages listed now that were not listed before; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> DeleteNewStagesAsync(CheckContext context, IReadOnlySet<string> before)
    {
        var after = await StageNamesAsync(context);
        var created = after.Where(n => !before.Contains(n)).ToList();
        foreach (var name in created)
        {
            await context.Api.DeleteStageAsync(name);
        }

        return created;
    }

    /// <summary>The error type named for a status is one the operation documents for it.</summary>
    public static void ErrorEncoding(CheckContext context, HttpExchange exchange, OperationContract operation)
    {
        var requirement = context.Contract.Requirements.RoleId(Roles.ErrorEncoding);
        var contentType = exchange.ResponseHeader("Content-Type") ?? "";
        That(contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase),
            requirement, "a JSON Content-Type", contentType.Length == 0 ? "(none)" : contentType, exchange);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(exchange.ResponseBody);
        }
        catch (JsonException)
        {
            body = null;
        }

        That(body is not null, requirement, "a JSON error body", Observed(exchange), exchange);
        Schema(context.Contract.ErrorSchema, body, requirement, exchange, "an error body");
        var type = context.Api.ErrorTypeOf(exchange);
        var documented = operation.TypesFor(exchange.Status);
        That(type is not null, requirement, "an error type naming the error", "none", exchange);
        That(documented.Count == 0 || documented.Contains(type!), requirement,
            $"an error type documented for {exchange.Status}: {string.Join(" | ", documented)}", type!, exchange);
    }
}
