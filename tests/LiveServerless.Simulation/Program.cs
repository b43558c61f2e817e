using LiveServerless.Simulation;

var options = SimulationOptions.Parse(args);
Console.WriteLine(options.Bench ? DecisionBenchmark.Run(options) : PacingSimulation.Run(options));
