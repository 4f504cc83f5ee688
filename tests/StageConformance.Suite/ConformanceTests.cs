using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;

namespace StageConformance.Suite;

/// <summary>The thin front end: one NUnit test per check, judged by the library; the verdict maps to NUnit's outcomes. Then one test for the run's gate.</summary>
public sealed class ConformanceTests
{
    private static int startErrorReported;

    public static IEnumerable<object> Checks()
    {
        if (SuiteConfiguration.Error is not null)
        {
            // Every category a filter might select, so a filtered run still shows the error.
            var all = DialectNames.Implemented.SelectMany(CheckCatalogue.For).ToList();
            yield return SuiteConfiguration.ErrorCase(all.Select(c => c.Dialect).Concat(all.Select(c => c.Kind)).Concat(all.Select(c => c.Category)).Distinct());
            yield break;
        }

        // Only the selected dialects' checks: a run of one dialect lists no hundreds of "not selected" skips.
        foreach (var check in SuiteConfiguration.Settings!.Dialects.SelectMany(CheckCatalogue.For))
        {
            yield return new TestCaseData(check)
                .SetName(check.Id)
                .SetCategory(check.Dialect)
                .SetCategory(check.Kind)
                .SetCategory(check.Category)
                .SetProperty("Requirement", check.Requirement);
        }
    }

    public static IEnumerable<TestCaseData> GateCase()
    {
        if (SuiteConfiguration.Error is null)
        {
            yield return new TestCaseData("this run").SetName("gate");
        }
    }

    [TestCaseSource(nameof(Checks))]
    [Order(1)]
    public async Task Check(Check check)
    {
        if (SuiteSetup.StartError is { } error)
        {
            if (Interlocked.Exchange(ref startErrorReported, 1) == 0)
            {
                Assert.Fail(error);
            }

            Assert.Ignore("not run: " + error);
        }

        var result = await SuiteSetup.Session.RunAsync(check);
        var gated = ExpectationGate.Judge(result, SuiteSetup.Session.Settings.Expectations);
        switch (gated.Verdict)
        {
            case GateVerdict.Passed:
                return;
            case GateVerdict.UnexpectedPass:
                var notice = $"UNEXPECTED PASS: {check.Id} passed although '{gated.Expectation!.Key}' expects it to fail: remove this expectation";
                await TestContext.Error.WriteLineAsync("stage conformance: " + notice);
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

    /// <summary>
    /// After every check: the gate over the whole run. It fails with the gate, so a run that judged
    /// nothing (every check skipped or erred) is red even though no check test failed.
    /// </summary>
    [TestCaseSource(nameof(GateCase))]
    [Order(2)]
    public void Gate(string run)
    {
        if (SuiteSetup.StartError is not null)
        {
            Assert.Ignore("not run: " + SuiteSetup.StartError);
        }

        var gate = ExpectationGate.Summarize(SuiteSetup.Session.Results, SuiteSetup.Session.Settings.Expectations);
        if (!gate.Passed)
        {
            Assert.Fail($"{run}: " + string.Join("\n", gate.Lines().Take(8)));
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

        if (result.Outcome == Outcome.Failed && result.Reproducer is not null)
        {
            // The run deletes what the request needed; the script recreates it (written when the run ends).
            lines.Add("  reproducer script: " + Path.Combine(SuiteSetup.Session.Settings.ReportDirectory, Reporting.ReportWriter.ReproducersFolder, Http.ReproducerScript.FileName(result.Id)));
        }

        return lines.Count == 0 ? "" : "\n" + string.Join("\n", lines);
    }
}
