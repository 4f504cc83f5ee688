using NUnit.Framework;
using NUnit.Framework.Interfaces;
using StageConformance.Configuration;
using StageConformance.Running;

namespace StageConformance.Suite;

/// <summary>
/// The settings, read once when NUnit builds the test list: a bad one becomes a single failing test
/// named <c>configuration</c> with the one line that says what to fix, instead of every check failing
/// with it (and a stack trace each).
/// </summary>
internal static class SuiteConfiguration
{
    private static readonly Lazy<(SuiteSettings? Settings, string? Error)> Loaded = new(Load);

    public static SuiteSettings? Settings => Loaded.Value.Settings;

    /// <summary>The one-line configuration error, if the settings are bad.</summary>
    public static string? Error => Loaded.Value.Error;

    /// <summary>A test that fails with the configuration error and no stack trace (NUnit reports a non-runnable case so).</summary>
    public static TestCaseData ErrorCase(IEnumerable<string> categories)
    {
        var error = new TestCaseData { TestName = "configuration", RunState = RunState.NotRunnable };
        error.Properties.Set(NUnit.Framework.Internal.PropertyNames.SkipReason, "configuration error: " + Error);
        foreach (var category in categories)
        {
            error.Properties.Add(NUnit.Framework.Internal.PropertyNames.Category, category);
        }

        return error;
    }

    private static (SuiteSettings?, string?) Load()
    {
        var parameters = TestContext.Parameters.Names.ToDictionary(n => n, n => TestContext.Parameters[n] ?? "", StringComparer.Ordinal);
        try
        {
            var settings = SettingsLoader.Load(parameters, SettingsLoader.CurrentEnvironment());
            if (settings.BaseUrl is not null)
            {
                Reachability.EnsureAsync(settings.BaseUrl).GetAwaiter().GetResult();
            }

            return (settings, null);
        }
        catch (ConfigurationException e)
        {
            return (null, e.Message);
        }
    }
}
