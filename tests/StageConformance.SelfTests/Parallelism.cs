using NUnit.Framework;

// Twice the cores of the machines we measure on (2): a good part of the long self-tests waits on child processes,
// timeouts and sockets, and that waiting overlaps with the in-process whole-suite runs.
[assembly: LevelOfParallelism(4)]
