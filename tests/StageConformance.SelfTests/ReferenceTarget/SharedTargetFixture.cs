using NUnit.Framework;
using StageConformance.ReferenceTarget;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

/// <summary>
/// One faithful target per fixture, started once. Its request budget is far beyond what any test
/// sends: the fixtures that share it are busy, and throttling has tests of its own.
/// </summary>
public abstract class SharedTargetFixture
{
    protected RunningTarget Target { get; private set; } = null!;

    protected TargetClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartTargetAsync()
    {
        Target = await Emulator.StartAsync(new ReferenceTargetOptions { ThrottleRatePerSecond = 100_000, ThrottleBurst = 100_000 });
        Client = new TargetClient(Target.BaseUrl);
    }

    [OneTimeTearDown]
    public async Task StopTargetAsync()
    {
        Client.Dispose();
        await Target.DisposeAsync();
    }
}
