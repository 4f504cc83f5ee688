using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace StageConformance.Checks;

/// <summary>
/// Runs an FsCheck property inside a check and turns a falsified property into a
/// <see cref="CheckFailure"/> that carries the shrunk counterexample and the replay seed.
/// </summary>
public static class PropertyRunner
{
    public static void Run<T>(CheckContext context, string checkId, Arbitrary<T> arbitrary, Func<T, Task> body, int? cases = null)
    {
        CheckFailure? last = null;
        Exception? lastOther = null;
        var property = Prop.ForAll(arbitrary, async value =>
        {
            // After a target fault, shrinking would only send more requests to a faulty target.
            if (lastOther is not null)
            {
                throw lastOther;
            }

            try
            {
                await body(value).ConfigureAwait(false);
            }
            catch (CheckFailure failure)
            {
                last = failure;
                throw;
            }
            catch (CheckSkipped)
            {
                // A precondition owned by another requirement failed: this case says nothing.
            }
            catch (Exception other)
            {
                lastOther = other;
                throw;
            }
        });

        var runner = new CapturingRunner();
        var config = Config.Quick
            .WithMaxTest(context.Replay is null ? cases ?? context.Settings.PropertyCases : 1)
            .WithRunner(runner)
            .WithName(checkId);
        if (context.Replay is not null && PropertyReplay.TryParse(context.Replay, out var replay))
        {
            config = config.WithReplay(FSharpOption<Replay>.Some(replay!));
        }

        FsCheck.Check.One(config, property);
        if (runner.Result is TestResult.Failed failed)
        {
            var counterexample = string.Join(", ", failed.Item3.Select(Describe));
            var replayText = PropertyReplay.Format(failed.Item6, failed.Item7);
            if (last is not null && lastOther is null)
            {
                throw new PropertyFailure(last, counterexample, replayText, failed.Item1.NumberOfTests, failed.Item1.NumberOfShrinks);
            }

            throw new PropertyError(lastOther ?? new InvalidOperationException(failed.Item4.ToString()), counterexample, replayText);
        }
    }

    private static string Describe(object? value) => value switch
    {
        JsonNode node => node.ToJsonString(),
        ValueTuple<JsonObject, Generation.Probe> pair => $"{pair.Item1.ToJsonString()} breaking {pair.Item2.Id}",
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Describe(tuple[i]))) + ")",
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        _ => value?.ToString() ?? "null",
    };

    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}

/// <summary>A falsified property: the failure of its shrunk case, with what replays it.</summary>
public sealed class PropertyFailure(CheckFailure failure, string counterexample, string replay, int tests, int shrinks)
    : Exception(failure.Message)
{
    public CheckFailure Failure { get; } = failure;

    public string Counterexample { get; } = counterexample;

    public string Replay { get; } = replay;

    public int Tests { get; } = tests;

    public int Shrinks { get; } = shrinks;
}

/// <summary>A property that stopped on something other than a broken requirement (a target fault, a suite bug).</summary>
public sealed class PropertyError(Exception inner, string counterexample, string replay)
    : Exception(inner.Message, inner)
{
    public string Counterexample { get; } = counterexample;

    public string Replay { get; } = replay;
}
