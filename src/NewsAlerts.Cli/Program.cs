using NewsAlerts.Cli;

return await NewsAlertsCli.RunAsync(args, Console.Out, Console.Error);
