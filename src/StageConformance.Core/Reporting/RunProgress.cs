using System.Globalization;
using StageConformance.Checks;
using StageConformance.Expectations;

namespace StageConformance.Reporting;

/// <summary>
/// What a person watching a run sees while the checks run: per dialect, checks done of total and the
/// failures so far (new failures and errors, as the gate counts them), at most once per interval.
/// Both front ends (the NUnit suite and stageconf run) print it.
/// </summary>
public sealed class RunProgress(IReadOnlyDictionary<string, int> totals, ExpectationSet expectations, TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Dictionary<string, DialectProgress> dialects = totals.ToDictionary(t => t.Key, t => new DialectProgress(t.Value), StringComparer.Ordinal);
    private readonly object gate = new();
    private long? lastLine;

    /// <summary>Counts one result; returns the progress line when it is due (the interval has passed or a dialect just finished), else null.</summary>
    public string? Record(CheckResult result)
    {
        lock (gate)
        {
            if (!dialects.TryGetValue(result.Dialect, out var progress))
            {
                return null;
            }

            progress.Done++;
            switch (ExpectationGate.Judge(result, expectations).Verdict)
            {
                case GateVerdict.NewFailure:
                    progress.Failed++;
                    break;
                case GateVerdict.Error:
                    progress.Errors++;
                    break;
            }

            var now = clock.GetTimestamp();
            var due = lastLine is null || clock.GetElapsedTime(lastLine.Value, now) >= interval || progress.Done == progress.Total;
            if (!due)
            {
                return null;
            }

            lastLine = now;
            return LineLocked();
        }
    }

    /// <summary>The progress of every dialect now, for example <c>aws-rest-v1 140/140 (0 failed) · aws-http-v2 12/92 (1 failed, 0 errors)</c>.</summary>
    public string Line()
    {
        lock (gate)
        {
            return LineLocked();
        }
    }

    public (int Done, int Total) Of(string dialect)
    {
        lock (gate)
        {
            return dialects.TryGetValue(dialect, out var p) ? (p.Done, p.Total) : (0, 0);
        }
    }

    private string LineLocked() => string.Join(" · ", dialects.Select(d => string.Create(CultureInfo.InvariantCulture,
        $"{d.Key} {d.Value.Done}/{d.Value.Total} ({d.Value.Failed} failed{(d.Value.Errors > 0 ? $", {d.Value.Errors} errors" : "")})")));

    private sealed class DialectProgress(int total)
    {
        public int Total { get; } = total;

        public int Done { get; set; }

        public int Failed { get; set; }

        public int Errors { get; set; }
    }
}
