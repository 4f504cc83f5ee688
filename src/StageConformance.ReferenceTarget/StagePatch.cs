using System.Globalization;
using static StageConformance.ReferenceTarget.MutantIds;

namespace StageConformance.ReferenceTarget;

internal sealed record PatchOperation(string? Op, string? Path, string? Value, string? From)
{
    public static IReadOnlyList<PatchOperation> Read(byte[] body) =>
        JsonMembers.Parse(body).ObjectList("patchOperations")?
            .Select(o => new PatchOperation(o.String("op"), o.String("path"), o.String("value"), o.String("from")))
            .ToList()
        ?? [];
}

/// <summary>
/// UpdateStage's patch operations on one stage, as aws-behavior.md section 1 records them: /description,
/// /deploymentId, /variables/{name} and the canary paths, with promotion by copy. The other documented
/// paths (cache, logging, method settings) are not emulated and answer as unknown paths do. All or
/// nothing: a rejected patch leaves the stage as it was.
/// </summary>
internal sealed class StagePatch(TargetContext target, RestApi api)
{
    private const string CanaryPath = "/canarySettings";
    private const string CanaryDeploymentPath = "/canarySettings/deploymentId";
    private const string OverridesPath = "/canarySettings/stageVariableOverrides";
    private const string VariablesPrefix = "/variables/";
    private const string AccessLogPrefix = "/accessLogSettings/";

    /// <summary>The stage as the patch found it; the in-order mutant judges promotions against it.</summary>
    private StageValues? original;

    public void Apply(Stage stage, IReadOnlyList<PatchOperation> operations)
    {
        var before = StageValues.Of(stage);
        original = before;
        try
        {
            foreach (var operation in operations)
            {
                ApplyOne(stage, operation);
            }
        }
        catch (ApiException) when (!target.Deviates(UpdateRejectedUnchanged))
        {
            before.RestoreTo(stage);
            throw;
        }
    }

    private void ApplyOne(Stage stage, PatchOperation operation)
    {
        if (operation.Op is not ("add" or "remove" or "replace" or "copy"))
        {
            throw ApiException.BadRequest($"Invalid patch operation specified: {operation.Op}. Must be one of: [add, remove, replace, copy]");
        }

        if (operation.Op == "copy")
        {
            Copy(stage, operation);
            return;
        }

        var path = operation.Path ?? throw ApiException.BadRequest("Invalid patch path null");
        switch (path)
        {
            case "/description":
                stage.Description = operation.Op == "remove" ? null : Value(operation);
                return;
            case "/deploymentId" when operation.Op == "replace":
                var deploymentId = Value(operation);
                RequireDeployment(deploymentId);
                if (!target.Deviates(UpdateReplace))
                {
                    stage.DeploymentId = deploymentId;
                }

                return;
            case CanaryPath when operation.Op == "remove":
                RemoveCanary(stage);
                return;
        }

        if (path.StartsWith(AccessLogPrefix, StringComparison.Ordinal))
        {
            AccessLogMember(operation, path);
        }
        else if (path.StartsWith(VariablesPrefix, StringComparison.Ordinal) && path.Length > VariablesPrefix.Length)
        {
            SetOrRemove(stage.Variables, Unescape(path[VariablesPrefix.Length..]), operation, path);
        }
        else if (path.StartsWith(CanaryPath + "/", StringComparison.Ordinal))
        {
            CanaryMember(stage, operation, path[(CanaryPath.Length + 1)..]);
        }
        else
        {
            Unsupported(InvalidPath(path));
        }
    }

    /// <summary>
    /// /accessLogSettings/destinationArn and /format (aws-behavior.md section 1). The target keeps no access logs (they need a
    /// CloudWatch Logs group), so a remove always names a member that is not set, and a destination is never accepted.
    /// </summary>
    private void AccessLogMember(PatchOperation operation, string path)
    {
        if (target.Deviates(UpdateAccessLogSettings))
        {
            return;
        }

        if (path is not ("/accessLogSettings/destinationArn" or "/accessLogSettings/format"))
        {
            throw ApiException.BadRequest("Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]");
        }

        if (operation.Op == "remove")
        {
            throw CannotRemove(path);
        }

        if (string.IsNullOrEmpty(operation.Value))
        {
            throw ApiException.BadRequest("Access Log value must not be empty");
        }

        throw ApiException.BadRequest("Access logs need a CloudWatch Logs destination, which the reference target does not have");
    }

    /// <summary>Canary members accept only replace (aws-behavior.md: "Canary fields accept only replace").</summary>
    private void CanaryMember(Stage stage, PatchOperation operation, string member)
    {
        if (operation.Op == "add" && !target.Deviates(UpdateCanaryAdd))
        {
            throw ApiException.BadRequest($"Invalid add operation with path: {operation.Path}");
        }

        const string overrides = "stageVariableOverrides/";
        if (operation.Op == "remove")
        {
            if (member.StartsWith(overrides, StringComparison.Ordinal) && stage.Canary is { } existing)
            {
                SetOrRemove(existing.StageVariableOverrides, Unescape(member[overrides.Length..]), operation, operation.Path!);
                return;
            }

            if (target.Deviates(UpdateCanaryRemoveMember) && stage.Canary is { } canaryToTrim)
            {
                switch (member)
                {
                    case "stageVariableOverrides":
                        canaryToTrim.StageVariableOverrides.Clear();
                        return;
                    case "percentTraffic":
                        canaryToTrim.PercentTraffic = 0;
                        return;
                    case "useStageCache":
                        canaryToTrim.UseStageCache = false;
                        return;
                }
            }

            throw CannotRemove(operation.Path!);
        }

        switch (member)
        {
            case "percentTraffic":
                var percent = ParsePercent(Value(operation));
                if (!target.Deviates(UpdateCanaryPercentTraffic))
                {
                    StageRules.CheckPercentTraffic(percent);
                }

                Canary(stage, stage.DeploymentId).PercentTraffic = percent;
                return;
            case "deploymentId":
                var deploymentId = Value(operation);
                if (!target.Deviates(UpdateCanaryDeploymentIdExists))
                {
                    RequireDeployment(deploymentId);
                }

                Canary(stage, deploymentId).DeploymentId = deploymentId;
                return;
            case "useStageCache":
                Canary(stage, stage.DeploymentId).UseStageCache = ParseBoolean(Value(operation));
                return;
        }

        if (member.StartsWith(overrides, StringComparison.Ordinal) && member.Length > overrides.Length)
        {
            var name = Unescape(member[overrides.Length..]);
            var value = Value(operation);
            StageRules.CheckVariables([KeyValuePair.Create(name, (string?)value)]);
            var canary = Canary(stage, stage.DeploymentId);
            if (target.Deviates(UpdateCanaryReplace))
            {
                canary.StageVariableOverrides = new(StringComparer.Ordinal) { [name] = value };
            }
            else
            {
                canary.StageVariableOverrides[name] = value;
            }

            return;
        }

        Unsupported(InvalidPath(operation.Path!));
    }

    /// <summary>The stage's canary; a replace on a stage without one creates it (aws-behavior.md, working behaviour [V LS-CAN]).</summary>
    private CanarySettings Canary(Stage stage, string deploymentIdIfNew)
    {
        if (stage.Canary is { } canary)
        {
            return canary;
        }

        if (target.Deviates(UpdateCanaryImplicit))
        {
            throw ApiException.BadRequest("Canary does not exist");
        }

        stage.Canary = new CanarySettings(deploymentIdIfNew);
        return stage.Canary;
    }

    private void RemoveCanary(Stage stage)
    {
        if (stage.Canary is null)
        {
            throw CannotRemove(CanaryPath);
        }

        if (target.Deviates(UpdateCanaryRemove))
        {
            stage.Canary.PercentTraffic = 0;
        }
        else
        {
            stage.Canary = null;
        }
    }

    /// <summary>Promotion: the canary's deployment becomes the stage's, its overrides merge into the variables; the canary stays.</summary>
    private void Copy(Stage stage, PatchOperation operation)
    {
        var promotesDeployment = (operation.From, operation.Path) is (CanaryDeploymentPath, "/deploymentId");
        var promotesVariables = (operation.From, operation.Path) is (OverridesPath, "/variables");
        if (!promotesDeployment && !promotesVariables)
        {
            Unsupported(
                $"Invalid copy operation with path: {operation.Path} and from {operation.From}. Valid copy:path are [/deploymentId, /variables] "
                + "and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]");
            return;
        }

        if (stage.Canary is not { } canary || (target.Deviates(UpdateInOrder) && original?.Canary is null))
        {
            if (target.Deviates(UpdatePromoteNoCanary))
            {
                return;
            }

            throw ApiException.BadRequest("Promotion not available. Canary does not exist.");
        }

        if (promotesDeployment)
        {
            if (!target.Deviates(UpdatePromoteDeployment))
            {
                stage.DeploymentId = canary.DeploymentId;
            }

            return;
        }

        if (target.Deviates(UpdatePromoteVariables))
        {
            stage.Variables = new(canary.StageVariableOverrides, StringComparer.Ordinal);
            return;
        }

        foreach (var (name, value) in canary.StageVariableOverrides)
        {
            stage.Variables[name] = value;
        }
    }

    private static void SetOrRemove(Dictionary<string, string> map, string name, PatchOperation operation, string path)
    {
        if (operation.Op == "remove")
        {
            if (!map.Remove(name))
            {
                throw CannotRemove(path);
            }

            return;
        }

        var value = Value(operation);
        StageRules.CheckVariables([KeyValuePair.Create(name, (string?)value)]);
        map[name] = value;
    }

    /// <summary>Rejects an operation on a path the stage does not have; the unsupported-path mutant ignores it instead.</summary>
    private void Unsupported(string message)
    {
        if (!target.Deviates(UpdateUnsupported))
        {
            throw ApiException.BadRequest(message);
        }
    }

    private void RequireDeployment(string deploymentId)
    {
        if (!api.Deployments.ContainsKey(deploymentId))
        {
            throw ApiException.BadRequest("Deployment id does not exist");
        }
    }

    private static string Value(PatchOperation operation) =>
        operation.Value ?? throw ApiException.BadRequest($"Invalid null value for path {operation.Path}");

    private static double ParsePercent(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent)
            ? percent
            : throw ApiException.BadRequest($"Invalid percentTraffic value: {value}");

    private static bool ParseBoolean(string value) =>
        bool.TryParse(value, out var flag) ? flag : throw ApiException.BadRequest($"Invalid useStageCache value: {value}");

    /// <summary>JSON Pointer escapes in a path segment (~1 is '/', ~0 is '~').</summary>
    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    // AWS's text continues with every method-setting path; the start is enough to say what went wrong.
    private static string InvalidPath(string path) =>
        $"Invalid method setting path: {path}. Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, "
        + "/clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, "
        + "/{resourcePath}/{httpMethod}/metrics/enabled, ...]";

    // AWS's template drops the leading slash and ends with a space.
    private static ApiException CannotRemove(string path) =>
        ApiException.BadRequest($"Cannot remove method setting {path.TrimStart('/')} because there is no method setting for this method ");

    /// <summary>What a patch can change, kept to put back when the patch is rejected.</summary>
    private sealed record StageValues(string DeploymentId, string? Description, Dictionary<string, string> Variables, CanarySettings? Canary)
    {
        public static StageValues Of(Stage stage) => new(
            stage.DeploymentId,
            stage.Description,
            new(stage.Variables, StringComparer.Ordinal),
            stage.Canary is { } canary
                ? new CanarySettings(canary.DeploymentId)
                {
                    PercentTraffic = canary.PercentTraffic,
                    StageVariableOverrides = new(canary.StageVariableOverrides, StringComparer.Ordinal),
                    UseStageCache = canary.UseStageCache,
                }
                : null);

        public void RestoreTo(Stage stage)
        {
            stage.DeploymentId = DeploymentId;
            stage.Description = Description;
            stage.Variables = Variables;
            stage.Canary = Canary;
        }
    }
}
