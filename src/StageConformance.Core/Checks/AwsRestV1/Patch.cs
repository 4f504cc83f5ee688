using System.Text.Json.Nodes;

namespace StageConformance.Checks.AwsRestV1;

/// <summary>
/// One UpdateStage patch operation. A value may name a deployment by its role in the run
/// (<see cref="Deployments"/>), so cases can be written before any deployment exists.
/// </summary>
public sealed record PatchOp(string Op, string Path, string? Value = null, string? From = null)
{
    public static PatchOp Replace(string path, string value) => new("replace", path, value);

    public static PatchOp Add(string path, string value) => new("add", path, value);

    public static PatchOp Remove(string path) => new("remove", path);

    public static PatchOp Copy(string from, string path) => new("copy", path, From: from);

    public static PatchOp Read(JsonNode node) => new(
        node["op"]!.GetValue<string>(),
        node["path"]!.GetValue<string>(),
        node["value"]?.GetValue<string>(),
        node["from"]?.GetValue<string>());

    public PatchOp Resolve(Deployments deployments) => Value is null ? this : this with { Value = deployments.Resolve(Value) };

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (Value is not null)
        {
            json["value"] = Value;
        }

        if (From is not null)
        {
            json["from"] = From;
        }

        return json;
    }

    public override string ToString() => Op switch
    {
        "copy" => $"copy {From} -> {Path}",
        _ when Value is null => $"{Op} {Path}",
        _ => $"{Op} {Path}={Value}",
    };
}

/// <summary>The operations of one UpdateStage call, applied in order.</summary>
public sealed record Patch(IReadOnlyList<PatchOp> Operations)
{
    public Patch(params PatchOp[] operations)
        : this((IReadOnlyList<PatchOp>)operations)
    {
    }

    public Patch Resolve(Deployments deployments) => new(Operations.Select(o => o.Resolve(deployments)).ToArray());

    public JsonArray ToJson() => new([.. Operations.Select(o => (JsonNode)o.ToJson())]);

    public override string ToString() => "[" + string.Join("; ", Operations) + "]";
}

/// <summary>The deployments a canary case may name: the stage's, the canary's, and an id naming none.</summary>
public sealed record Deployments(string Stage, string Canary, string Missing)
{
    public const string StageToken = "{{deployment}}";
    public const string CanaryToken = "{{canary-deployment}}";
    public const string MissingToken = "{{missing-deployment}}";

    public bool Exists(string id) => id == Stage || id == Canary;

    public string Resolve(string value) => value switch
    {
        StageToken => Stage,
        CanaryToken => Canary,
        MissingToken => Missing,
        _ => value,
    };
}
