namespace StageConformance.Schemas;

/// <summary>A schema could not be loaded; names the file, the location in it and the keyword.</summary>
public abstract class SchemaLoadException : Exception
{
    protected SchemaLoadException(string sourceName, string schemaLocation, string keyword, string message)
        : base($"{sourceName}: keyword '{keyword}' at '#{schemaLocation}': {message}")
    {
        SourceName = sourceName;
        SchemaLocation = schemaLocation;
        Keyword = keyword;
    }

    public string SourceName { get; }

    /// <summary>RFC 6901 pointer to the schema node holding the keyword.</summary>
    public string SchemaLocation { get; }

    public string Keyword { get; }
}

/// <summary>The schema uses a keyword (or a keyword value) that no engine here enforces.</summary>
public sealed class UnsupportedSchemaKeywordException(string sourceName, string schemaLocation, string keyword, string message)
    : SchemaLoadException(sourceName, schemaLocation, keyword, message);

/// <summary>A keyword's value is malformed (wrong JSON type, bad regex, dangling reference...).</summary>
public sealed class InvalidSchemaException(string sourceName, string schemaLocation, string keyword, string message)
    : SchemaLoadException(sourceName, schemaLocation, keyword, message);
