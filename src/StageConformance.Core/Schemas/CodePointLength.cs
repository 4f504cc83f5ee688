using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;

namespace StageConformance.Schemas;

/// <summary>
/// <c>minLength</c> and <c>maxLength</c> counted in Unicode code points, as JSON Schema defines string length.
/// JsonSchema.Net 7.4.0 counts text elements (grapheme clusters): "e" with two combining accents is 3 code points
/// but passes <c>maxLength: 2</c> there (measured). Registered in the library's keyword registry in place of its
/// own two keywords; everything else (parsing, evaluation, output) stays the library's.
/// </summary>
internal static class CodePointLength
{
    private static int registered;

    /// <summary>Process-wide (keywords are a static registry); before any schema is read.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SchemaKeywordRegistry.Unregister<MinLengthKeyword>();
            SchemaKeywordRegistry.Unregister<MaxLengthKeyword>();
            SchemaKeywordRegistry.Register<CodePointMinLength>(CodePointLengthContext.Default);
            SchemaKeywordRegistry.Register<CodePointMaxLength>(CodePointLengthContext.Default);
        }
    }

    /// <summary>Length in code points (a lone surrogate counts as one).</summary>
    public static int Of(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    internal static KeywordConstraint Constraint(string keyword, uint limit, Func<int, uint, bool> holds) =>
        new(keyword, (evaluation, _) =>
        {
            if (evaluation.LocalInstance is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                evaluation.MarkAsSkipped();
                return;
            }

            var length = Of(text);
            if (!holds(length, limit))
            {
                evaluation.Results.Fail(keyword, $"the value has {length} code points, {keyword} is {limit}");
            }
        });
}

[SchemaKeyword(Name)]
[SchemaSpecVersion(SpecVersion.Draft6)]
[SchemaSpecVersion(SpecVersion.Draft7)]
[SchemaSpecVersion(SpecVersion.Draft201909)]
[SchemaSpecVersion(SpecVersion.Draft202012)]
[SchemaSpecVersion(SpecVersion.DraftNext)]
[Vocabulary(Vocabularies.Validation202012Id)]
[JsonConverter(typeof(CodePointLengthConverter<CodePointMaxLength>))]
internal sealed class CodePointMaxLength(uint value) : IJsonSchemaKeyword, ILengthKeyword
{
    public const string Name = "maxLength";

    public uint Value { get; } = value;

    public KeywordConstraint GetConstraint(SchemaConstraint schemaConstraint, ReadOnlySpan<KeywordConstraint> localConstraints, EvaluationContext context) =>
        CodePointLength.Constraint(Name, Value, (length, limit) => length <= limit);
}

[SchemaKeyword(Name)]
[SchemaSpecVersion(SpecVersion.Draft6)]
[SchemaSpecVersion(SpecVersion.Draft7)]
[SchemaSpecVersion(SpecVersion.Draft201909)]
[SchemaSpecVersion(SpecVersion.Draft202012)]
[SchemaSpecVersion(SpecVersion.DraftNext)]
[Vocabulary(Vocabularies.Validation202012Id)]
[JsonConverter(typeof(CodePointLengthConverter<CodePointMinLength>))]
internal sealed class CodePointMinLength(uint value) : IJsonSchemaKeyword, ILengthKeyword
{
    public const string Name = "minLength";

    public uint Value { get; } = value;

    public KeywordConstraint GetConstraint(SchemaConstraint schemaConstraint, ReadOnlySpan<KeywordConstraint> localConstraints, EvaluationContext context) =>
        CodePointLength.Constraint(Name, Value, (length, limit) => length >= limit);
}

internal interface ILengthKeyword
{
    uint Value { get; }
}

internal sealed class CodePointLengthConverter<T> : Json.More.WeaklyTypedJsonConverter<T>
    where T : ILengthKeyword
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var number) || number < 0 || number != decimal.Truncate(number) || number > uint.MaxValue)
        {
            throw new JsonException("Expected a non-negative integer");
        }

        return (T)Activator.CreateInstance(typeof(T), (uint)number)!;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

[JsonSerializable(typeof(CodePointMinLength))]
[JsonSerializable(typeof(CodePointMaxLength))]
internal sealed partial class CodePointLengthContext : JsonSerializerContext;
