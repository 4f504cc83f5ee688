using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using StageConformance.Checks;
using StageConformance.Expectations;

namespace StageConformance.Reporting;

/// <summary>
/// junit.xml for CI systems that read JUnit: one testsuite per dialect, one testcase per check
/// (classname: its requirement). Expected failures are skipped with the expectation's reason, as
/// pytest reports xfail; only new failures and errors are failures.
/// </summary>
public static class JunitReport
{
    public static string Render(RunFacts run)
    {
        var suites = run.Gate.Results.GroupBy(g => g.Result.Dialect, StringComparer.Ordinal).Select(d => Suite(run, d.Key, d.ToList())).ToList();
        var judgedNothing = run.Gate.JudgedNothing ? 1 : 0;
        if (run.Gate.JudgedNothing)
        {
            var why = run.Interrupted is null ? run.Gate.FailureReason! : $"{run.Gate.FailureReason} ({run.Interrupted})";
            // No testcase fails when every check skipped or erred; CI that reads only this file must still see red.
            suites.Add(new XElement("testsuite",
                new XAttribute("name", "gate"), new XAttribute("tests", 1), new XAttribute("failures", 1), new XAttribute("errors", 0), new XAttribute("skipped", 0),
                new XElement("testcase", new XAttribute("classname", "gate"), new XAttribute("name", "the run judged something"),
                    new XElement("failure", new XAttribute("message", Clean(why)), new XAttribute("type", "gate")))));
        }

        var root = new XElement("testsuites",
            new XAttribute("name", "stage conformance"),
            new XAttribute("tests", run.Gate.Results.Count + judgedNothing),
            new XAttribute("failures", run.Gate.Count(GateVerdict.NewFailure) + judgedNothing),
            new XAttribute("errors", run.Gate.Count(GateVerdict.Error)),
            new XAttribute("skipped", Skipped(run.Gate.Results)),
            new XAttribute("time", Seconds(run.Elapsed.TotalMilliseconds)),
            suites);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement Suite(RunFacts run, string dialect, IReadOnlyList<GatedResult> results) =>
        new("testsuite",
            new XAttribute("name", dialect),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Verdict == GateVerdict.NewFailure)),
            new XAttribute("errors", results.Count(r => r.Verdict == GateVerdict.Error)),
            new XAttribute("skipped", Skipped(results)),
            new XAttribute("time", Seconds(results.Sum(r => r.Result.DurationMs))),
            new XAttribute("timestamp", run.Started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("target", run.Target),
                Property("runId", run.RunId),
                Property("expectations", run.Gate.Expectations.Source ?? "none"),
                run.Interrupted is null ? null : Property("interrupted", run.Interrupted)),
            results.Select(Case));

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static XElement Case(GatedResult gated)
    {
        var r = gated.Result;
        var element = new XElement("testcase",
            new XAttribute("classname", RunFacts.OwnRequirement(r)),
            new XAttribute("name", r.Id),
            new XAttribute("time", Seconds(r.DurationMs)));
        switch (gated.Verdict)
        {
            case GateVerdict.NewFailure:
                element.Add(new XElement("failure",
                    new XAttribute("message", Clean($"{r.Requirement} broken: expected {r.Expected}; observed {r.Observed}")),
                    new XAttribute("type", r.Requirement),
                    Clean(Evidence(r))));
                break;
            case GateVerdict.Error:
                element.Add(new XElement("error", new XAttribute("message", Clean(r.Reason ?? "no verdict")), new XAttribute("type", "error"), Clean(Evidence(r))));
                break;
            case GateVerdict.ExpectedFailure:
                element.Add(new XElement("skipped", new XAttribute("message", Clean($"expected failure ({gated.Expectation!.Key}): {gated.Expectation.Reason}"))));
                element.Add(new XElement("system-out", Clean(Evidence(r))));
                break;
            case GateVerdict.Skipped:
            case GateVerdict.ExpectedSkip:
                element.Add(new XElement("skipped", new XAttribute("message", Clean(r.Reason ?? "skipped"))));
                break;
            case GateVerdict.UnexpectedPass:
                element.Add(new XElement("system-out", $"UNEXPECTED PASS: '{gated.Expectation!.Key}' expects a failure: remove this expectation"));
                break;
        }

        return element;
    }

    private static string Evidence(CheckResult r)
    {
        var lines = new List<string> { $"requirement: {r.Requirement}" };
        void Add(string label, string? value)
        {
            if (value is not null)
            {
                lines.Add($"{label}: {value}");
            }
        }

        Add("expected", r.Expected);
        Add("observed", r.Observed);
        Add("reason", r.Reason);
        Add("counterexample", r.Counterexample);
        Add("replay", r.Replay);
        Add("reproduce", r.Reproducer);
        return string.Join("\n", lines);
    }

    private static int Skipped(IEnumerable<GatedResult> results) =>
        results.Count(r => r.Verdict is GateVerdict.Skipped or GateVerdict.ExpectedSkip or GateVerdict.ExpectedFailure);

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Target responses may hold characters XML 1.0 cannot carry; they are dropped, not escaped.</summary>
    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                kept.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }
}
