namespace StageConformance.Http;

public static class Shell
{
    /// <summary>Single-quotes a value for a POSIX shell.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
