using System.Globalization;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.External;

/// <summary>
/// The names of a campaign's external work and of its leases, derived from the step: "s&lt;step&gt;-r&lt;round&gt;",
/// "s&lt;step&gt;-ref", "s&lt;step&gt;-eval", "s&lt;step&gt;-update", and a work's n-th lease "&lt;work&gt;-&lt;n&gt;".
/// A lease id names its step, so a retry of a lease whose work has closed is recognised from the id and what is kept of
/// the step (see <see cref="ExternalTrainerState.ClosedWork"/>), not from a list of every lease.
/// </summary>
public static class TrainerWorkKeys
{
    public static string Rollout(long step, int round) =>
        round == RolloutGroup.ReferenceRound ? $"s{step}-ref" : $"s{step}-r{round}";

    public static string Evaluation(long step) => $"s{step}-eval";

    public static string Update(long step) => $"s{step}-update";

    public static string Lease(string work, int number) => $"{work}-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The work and number of a lease id of <see cref="Lease"/>'s form; false for any other string.</summary>
    public static bool TryParseLease(string leaseId, out string work, out int number)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        var dash = leaseId.LastIndexOf('-');
        work = dash > 0 ? leaseId[..dash] : "";
        number = 0;
        return dash > 0 && TryStep(work, out _)
            && int.TryParse(leaseId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    /// <summary>The step of a work key.</summary>
    public static bool TryStep(string work, out long step)
    {
        ArgumentNullException.ThrowIfNull(work);
        var dash = work.IndexOf('-', StringComparison.Ordinal);
        step = 0;
        return work.StartsWith('s') && dash > 1
            && long.TryParse(work.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }
}
