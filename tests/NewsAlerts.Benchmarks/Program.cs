using BenchmarkDotNet.Running;
using NewsAlerts.Benchmarks.Analysis;
using NewsAlerts.Benchmarks.Ingestion;

if (args is ["--malformed", var corpus])
{
    MalformedComparison.Print(corpus);
    return 0;
}

if (args.Length > 0 && args[0] == "evaluate")
{
    return await AnalyzerEvaluation.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "nesting")
{
    return NestingCheck.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "throughput")
{
    return ThroughputCheck.Run();
}

if (args.Length > 0 && args[0] == "e2e")
{
    return NewsAlerts.Benchmarks.EndToEnd.EndToEndBenchmark.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "functions")
{
    return await NewsAlerts.Benchmarks.Functions.FunctionsPathBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "profile")
{
    return NewsAlerts.Benchmarks.Matching.MatchingProfile.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerEvaluation).Assembly).Run(args);
return 0;
