using System.Net;
using System.Text;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class StandaloneProgramTests
{
    [Test]
    public void No_arguments_give_port_4566_and_the_default_options()
    {
        var command = StandaloneCommand.Parse([]);

        Assert.That(command, Is.EqualTo(new StandaloneCommand(new ReferenceTargetOptions { Port = 4566 } with { Credentials = command.Options.Credentials })));
        Assert.That(command.Options.Credentials, Is.EquivalentTo(new Dictionary<string, string> { ["test"] = "test" }));
    }

    [Test]
    public void Every_option_is_read()
    {
        var command = StandaloneCommand.Parse(
            ["--port", "0", "--mutant", "v1.echo", "--access-key", "AK", "--secret-key", "SK", "--throttle-rate", "2.5", "--throttle-burst", "7"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(command.Options.Port, Is.Zero);
            Assert.That(command.Options.Mutant, Is.EqualTo("v1.echo"));
            Assert.That(command.Options.Credentials, Is.EquivalentTo(new Dictionary<string, string> { ["AK"] = "SK" }));
            Assert.That(command.Options.ThrottleRatePerSecond, Is.EqualTo(2.5));
            Assert.That(command.Options.ThrottleBurst, Is.EqualTo(7));
            Assert.That((command.ListMutants, command.Help), Is.EqualTo((false, false)));
        }
    }

    [Test]
    public void List_mutants_and_help_are_flags() =>
        Assert.That(StandaloneCommand.Parse(["--list-mutants", "--help"]) is { ListMutants: true, Help: true }, Is.True);

    [TestCase("--bogus")]
    [TestCase("--port")]
    [TestCase("--port", "x")]
    [TestCase("--port", "65536")]
    [TestCase("--port", "-1")]
    [TestCase("--mutant", "v1.nope")]
    [TestCase("--access-key", "AK")]
    [TestCase("--secret-key", "SK")]
    [TestCase("--throttle-rate", "0")]
    [TestCase("--throttle-rate", "fast")]
    [TestCase("--throttle-burst", "0")]
    public void Invalid_arguments_are_an_ArgumentException(params string[] args) =>
        Assert.That(() => StandaloneCommand.Parse(args), Throws.ArgumentException);

    [Test]
    public async Task List_mutants_prints_one_line_per_mutant_and_exits_0()
    {
        using var output = new StringWriter();

        var exit = await StandaloneHost.RunAsync(["--list-mutants"], output, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.Zero);
        Assert.That(
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[0]),
            Is.EqualTo(Emulator.Mutants.Select(m => m.Id)));
    }

    [Test]
    public async Task Invalid_arguments_print_the_reason_and_the_usage_and_exit_2()
    {
        using var error = new StringWriter();

        var exit = await StandaloneHost.RunAsync(["--bogus"], TextWriter.Null, error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("--bogus").And.Contain("usage:"));
    }

    [Test]
    public async Task The_emulator_prints_its_address_serves_until_stopped_and_exits_0()
    {
        using var output = new FirstLineWriter();
        using var stop = new CancellationTokenSource();

        var running = StandaloneHost.RunAsync(["--port", "0", "--access-key", "AK", "--secret-key", "SK"], output, TextWriter.Null, stop.Token);
        var line = await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(line, Does.Match(@"^reference target listening on http://127\.0\.0\.1:\d+$"));
        var baseUrl = new Uri(line["reference target listening on ".Length..]);
        using (var client = new TargetClient(baseUrl, new("AK", "SK")))
        {
            Assert.That((await client.GetAsync("/restapis")).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        await stop.CancelAsync();
        Assert.That(await running.WaitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
    }

    /// <summary>Hands over the first line written, from whichever thread writes it.</summary>
    private sealed class FirstLineWriter : TextWriter
    {
        private readonly Lock gate = new();
        private readonly StringBuilder pending = new();
        private readonly TaskCompletionSource<string> firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public Task<string> FirstLine => firstLine.Task;

        public override void Write(char value)
        {
            lock (gate)
            {
                if (value == '\n')
                {
                    firstLine.TrySetResult(pending.ToString().TrimEnd('\r'));
                }
                else
                {
                    pending.Append(value);
                }
            }
        }
    }
}
