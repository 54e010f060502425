using BenchmarkDotNet.Running;
using NewsAlerts.Benchmarks.Ingestion;

if (args is ["--malformed", var corpus])
{
    MalformedComparison.Print(corpus);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
