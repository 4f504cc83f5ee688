using System.Text.Json.Nodes;

namespace StageConformance.SelfTests.ReferenceTarget;

/// <summary>Builds request bodies for error cases: members set on a valid body, or left out with <see cref="Missing"/>.</summary>
internal static class BodyOverrides
{
    /// <summary>Stands for a member left out of the body; a null value sends JSON null.</summary>
    public static readonly JsonNode Missing = JsonValue.Create("missing");

    public static JsonObject Apply(JsonObject body, IEnumerable<(string Member, JsonNode? Value)> members)
    {
        foreach (var (member, value) in members)
        {
            if (ReferenceEquals(value, Missing))
            {
                body.Remove(member);
            }
            else
            {
                body[member] = value?.DeepClone();
            }
        }

        return body;
    }
}
