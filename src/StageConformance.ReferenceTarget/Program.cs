using System.Runtime.InteropServices;
using StageConformance.ReferenceTarget;

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await StandaloneHost.RunAsync(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    // Cancelling the default lets the server stop and the process exit normally.
    context.Cancel = true;
    stop.Cancel();
}
