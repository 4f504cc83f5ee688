return StageConformance.Cli.CommandLine.Run(args, Console.Out, Console.Error);
