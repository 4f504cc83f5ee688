namespace StageConformance.SelfTests.Cli;

/// <summary>Sets environment variables for a block (null removes one) and puts them back after.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> saved = [];

    public EnvironmentScope(Dictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
