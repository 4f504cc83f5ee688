using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;

namespace StageConformance.Suite;

/// <summary>The thin front end: one NUnit test per check, judged by the library; the verdict maps to NUnit's outcomes.</summary>
public sealed class ConformanceTests
{
    public static IEnumerable<TestCaseData> Checks() =>
        DialectNames.Implemented.SelectMany(CheckCatalogue.For).Select(check =>
            new TestCaseData(check)
                .SetName(check.Id)
                .SetCategory(check.Dialect)
                .SetCategory(check.Kind)
                .SetCategory(check.Category)
                .SetProperty("Requirement", check.Requirement));

    [TestCaseSource(nameof(Checks))]
    public async Task Check(Check check)
    {
        var result = await SuiteSetup.Session.RunAsync(check);
        var gated = ExpectationGate.Judge(result, SuiteSetup.Session.Settings.Expectations);
        switch (gated.Verdict)
        {
            case GateVerdict.Passed:
                return;
            case GateVerdict.UnexpectedPass:
                var notice = $"UNEXPECTED PASS: {check.Id} passed although '{gated.Expectation!.Key}' expects it to fail: remove this expectation";
                await TestContext.Progress.WriteLineAsync("stage conformance: " + notice);
                Assert.Pass(notice);
                return;
            case GateVerdict.Skipped:
            case GateVerdict.ExpectedSkip:
                Assert.Ignore(result.Reason ?? "skipped");
                return;
            case GateVerdict.ExpectedFailure:
                // Reported as skipped, as pytest reports xfail: known, not passed, and not failing the run.
                Assert.Ignore($"EXPECTED FAILURE ({gated.Expectation!.Key}: {gated.Expectation.Reason}) {Broken(result)}");
                return;
            case GateVerdict.Error:
                Assert.Fail($"ERROR (no verdict: target or suite fault) {result.Reason}{Detail(result)}");
                return;
            default:
                Assert.Fail(Broken(result));
                return;
        }
    }

    private static string Broken(CheckResult result) =>
        $"{result.Requirement} broken: {Catalogue(result)}\n  expected: {result.Expected}\n  observed: {result.Observed}{Detail(result)}";

    private static string Catalogue(CheckResult result) =>
        Requirements.RequirementCatalogue.Load(result.Dialect) is var c && c.Contains(result.Requirement) ? c[result.Requirement].Statement : "";

    private static string Detail(CheckResult result)
    {
        var lines = new List<string>();
        if (result.Counterexample is not null)
        {
            lines.Add("  counterexample (shrunk): " + result.Counterexample);
        }

        if (result.Replay is not null)
        {
            lines.Add("  replay: " + result.Replay);
        }

        if (result.Reproducer is not null)
        {
            lines.Add("  reproduce: " + result.Reproducer);
        }

        return lines.Count == 0 ? "" : "\n" + string.Join("\n", lines);
    }
}
