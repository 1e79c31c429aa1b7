using System.Text;

namespace Rlvr.Training.Tasks;

/// <summary>
/// What one person of a knights-and-knaves puzzle says about others: a literal ("B": B is a knight,
/// "~B": B is a knave), or the conjunction ("B&amp;~C") or disjunction ("B|C") of two literals.
/// </summary>
public sealed record KnightsClaim(KnightsClaim.Kind Form, int First, bool FirstIsKnight, int Second, bool SecondIsKnight)
{
    public enum Kind
    {
        Literal,
        And,
        Or,
    }

    /// <summary>Truth of the claim when bit i of <paramref name="knights"/> says person i is a knight.</summary>
    public bool IsTrueUnder(int knights)
    {
        var first = IsKnight(knights, First) == FirstIsKnight;
        return Form switch
        {
            Kind.Literal => first,
            Kind.And => first && IsKnight(knights, Second) == SecondIsKnight,
            Kind.Or => first || IsKnight(knights, Second) == SecondIsKnight,
            _ => throw new InvalidOperationException($"unknown claim form {Form}."),
        };
    }

    public void AppendTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        AppendLiteral(text, First, FirstIsKnight);
        if (Form != Kind.Literal)
        {
            text.Append(Form == Kind.And ? '&' : '|');
            AppendLiteral(text, Second, SecondIsKnight);
        }
    }

    public static char PersonName(int person) => (char)('A' + person);

    private static bool IsKnight(int knights, int person) => ((knights >> person) & 1) == 1;

    private static void AppendLiteral(StringBuilder text, int person, bool isKnight)
    {
        if (!isKnight)
        {
            text.Append('~');
        }
        text.Append(PersonName(person));
    }
}
