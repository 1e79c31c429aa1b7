namespace Rlvr.Training.Tests.Tasks;

/// <summary>Parses the puzzle text itself and tries every assignment, independent of the generator's model.</summary>
internal static class IndependentKnightsSolver
{
    public static List<string> Solve(string prompt)
    {
        var claims = prompt.TrimEnd('?').Split(',').Select(c => c.Split(':')).ToList();
        var people = claims.Count;
        var answers = new List<string>();
        for (var mask = 0; mask < 1 << people; mask++)
        {
            bool Knight(char person) => ((mask >> (person - 'A')) & 1) == 1;
            bool Literal(string l) => l.StartsWith('~') ? !Knight(l[1]) : Knight(l[0]);
            bool Claim(string c) =>
                c.Contains('&') ? c.Split('&').All(Literal) :
                c.Contains('|') ? c.Split('|').Any(Literal) :
                Literal(c);
            if (claims.All(c => Claim(c[1]) == Knight(c[0][0])))
            {
                var knights = new string(Enumerable.Range(0, people).Where(i => ((mask >> i) & 1) == 1).Select(i => (char)('A' + i)).ToArray());
                answers.Add(knights.Length == 0 ? "-" : knights);
            }
        }
        return answers;
    }
}
