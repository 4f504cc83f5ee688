using System.Text.Json.Nodes;

namespace StageConformance.ReferenceTarget;

/// <summary>A success answer; a null body is sent as an empty body.</summary>
internal sealed record ApiResult(int Status, JsonNode? Body)
{
    public static readonly ApiResult Accepted = new(202, null);

    public static readonly ApiResult NoContent = new(204, null);

    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult Created(JsonNode body) => new(201, body);

    public static ApiResult Items(IEnumerable<JsonNode> items) => Ok(new JsonObject { ["item"] = new JsonArray([.. items]) });
}
