namespace Rlvr.Integration.Tests.Api;

/// <summary>A finding of <see cref="RedoclyLinter"/>: its rule, "error" or "warn", and where in the document.</summary>
internal sealed record RedoclyProblem(string RuleId, string Severity, string Message, string Pointer)
{
    public bool IsError => Severity == "error";

    public override string ToString() => $"{Severity} {RuleId} at {Pointer}: {Message}";
}
