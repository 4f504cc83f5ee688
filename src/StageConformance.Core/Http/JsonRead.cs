using System.Text.Json;
using System.Text.Json.Nodes;

namespace StageConformance.Http;

/// <summary>
/// Reads members of an answer whatever its shape: a member of the wrong JSON type reads as absent,
/// never as an exception, since a target may answer a boolean where a string belongs.
/// </summary>
public static class JsonRead
{
    /// <summary>The member of an object; null when the node is not an object or has no such member.</summary>
    public static JsonNode? Member(JsonNode? node, string name) => node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;

    public static string? String(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string? String(JsonNode? node, string name) => String(Member(node, name));

    public static JsonObject? Object(JsonNode? node, string name) => Member(node, name) as JsonObject;

    /// <summary>The elements of an array member; empty when it is absent or not an array.</summary>
    public static IReadOnlyList<JsonNode?> Array(JsonNode? node, string name) => Member(node, name) is JsonArray array ? [.. array] : [];

    /// <summary>The name member of an object as <see cref="Name"/> gives it, "null" when it is there as JSON null; null when it is absent.</summary>
    public static string? NameMember(JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? Name(value) ?? "null" : null;

    /// <summary>A name as the target wrote it: the string, or the JSON text of any other value (a target may store `true` as a name).</summary>
    public static string? Name(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
