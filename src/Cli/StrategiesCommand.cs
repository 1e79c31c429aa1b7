using System.CommandLine;
using System.Text.Json;
using Rlvr.Training.Strategies;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr strategies`: the registered strategies, filters and replay policies with their parameters, from this build (no silo needed).</summary>
internal static class StrategiesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("strategies", "List the prompt-selection strategies, group filters and replay policies, with parameters and papers") { json };
        command.SetAction(result =>
        {
            var components = StrategyRegistry.Describe();
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(components, JsonOptions));
                return 0;
            }
            foreach (var component in components)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{component.Kind} {component.Name}[/]: {component.Summary}");
                if (component.Paper.Length > 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"  [dim]{component.Paper}[/]");
                }
                if (component.Parameters.Count > 0)
                {
                    var table = new Table().AddColumns("key", "type", "default", "meaning");
                    foreach (var p in component.Parameters)
                    {
                        table.AddRow(Markup.Escape(p.Key), p.Type, Markup.Escape(p.Default), Markup.Escape(p.Description));
                    }
                    AnsiConsole.Write(table);
                }
                AnsiConsole.WriteLine();
            }
            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
