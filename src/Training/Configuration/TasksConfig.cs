namespace Rlvr.Training.Configuration;

/// <summary>
/// Where prompts come from: built-in families and levels, or a JSONL dataset (path relative to the campaign
/// file). Per distribution, <see cref="EvalSize"/> held-out prompts are drawn from the <see cref="EvalFraction"/>
/// of prompt texts the seeded hash reserves for evaluation; built-ins generate <see cref="PoolSize"/> training prompts.
/// </summary>
public sealed class TasksConfig
{
    public List<BuiltInSuiteConfig> Builtin { get; set; } = [];

    public string? Dataset { get; set; }

    public int EvalSize { get; set; } = 64;

    public double EvalFraction { get; set; } = 0.1;

    public int PoolSize { get; set; } = 2000;
}

/// <summary>One built-in family and the levels of it to use ("addition", [1, 2, 3]).</summary>
public sealed class BuiltInSuiteConfig
{
    public string Family { get; set; } = string.Empty;

    public List<int> Levels { get; set; } = [];
}
