using System.Text;
using Rlvr.Training.Determinism;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tasks;

/// <summary>
/// "knights/n": n people A.., each making one claim about others; knights always tell the truth, knaves
/// always lie. Prompt "A:B&amp;C,B:~A,C:A|B?", answer the sorted knights ("AC"), or "-" when nobody is.
/// Only puzzles with exactly one consistent assignment (checked over all 2^n) are produced.
/// With claims about others only, two people never give a unique solution, so levels start at 3.
/// </summary>
public sealed class KnightsFamily : ITaskFamily
{
    public const string FamilyName = "knights";

    /// <summary>The answer when the unique solution has no knight.</summary>
    public const string NoKnights = "-";

    private const int MaxDrawsPerPuzzle = 100_000;

    public string Name => FamilyName;

    public int MinLevel => 3;

    /// <summary>Seven people keep the longest prompt at 56 characters.</summary>
    public int MaxLevel => 7;

    public string Verifier => ExactMatchVerifier.VerifierName;

    public GeneratedTask Generate(int level, DeterministicRng rng)
    {
        TaskFamilies.CheckLevel(this, level);
        ArgumentNullException.ThrowIfNull(rng);
        for (var draw = 0; draw < MaxDrawsPerPuzzle; draw++)
        {
            var claims = new KnightsClaim[level];
            for (var person = 0; person < level; person++)
            {
                claims[person] = DrawClaim(person, level, rng);
            }
            var solutions = Solve(claims);
            if (solutions.Count == 1)
            {
                return new GeneratedTask(Render(claims), RenderAnswer(solutions[0], level));
            }
        }
        throw new InvalidOperationException($"no unique knights puzzle with {level} people in {MaxDrawsPerPuzzle} draws.");
    }

    /// <summary>Every assignment (bit i set: person i is a knight) under which each claim's truth matches its speaker.</summary>
    public static IReadOnlyList<int> Solve(IReadOnlyList<KnightsClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var solutions = new List<int>();
        for (var knights = 0; knights < 1 << claims.Count; knights++)
        {
            var consistent = true;
            for (var person = 0; person < claims.Count && consistent; person++)
            {
                consistent = claims[person].IsTrueUnder(knights) == (((knights >> person) & 1) == 1);
            }
            if (consistent)
            {
                solutions.Add(knights);
            }
        }
        return solutions;
    }

    public static string RenderAnswer(int knights, int people)
    {
        var text = new StringBuilder();
        for (var person = 0; person < people; person++)
        {
            if (((knights >> person) & 1) == 1)
            {
                text.Append(KnightsClaim.PersonName(person));
            }
        }
        return text.Length == 0 ? NoKnights : text.ToString();
    }

    private static string Render(KnightsClaim[] claims)
    {
        var text = new StringBuilder();
        for (var person = 0; person < claims.Length; person++)
        {
            if (person > 0)
            {
                text.Append(',');
            }
            text.Append(KnightsClaim.PersonName(person)).Append(':');
            claims[person].AppendTo(text);
        }
        return text.Append('?').ToString();
    }

    private static KnightsClaim DrawClaim(int speaker, int people, DeterministicRng rng)
    {
        var first = DrawOther(speaker, -1, people, rng);
        var form = (KnightsClaim.Kind)rng.NextInt(3);
        var second = form == KnightsClaim.Kind.Literal ? first : DrawOther(speaker, first, people, rng);
        return new KnightsClaim(form, first, rng.NextInt(2) == 1, second, rng.NextInt(2) == 1);
    }

    private static int DrawOther(int speaker, int excluded, int people, DeterministicRng rng)
    {
        while (true)
        {
            var person = rng.NextInt(people);
            if (person != speaker && person != excluded)
            {
                return person;
            }
        }
    }
}
