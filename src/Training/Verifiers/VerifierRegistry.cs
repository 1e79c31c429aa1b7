namespace Rlvr.Training.Verifiers;

/// <summary>Verifiers by name. <see cref="CreateDefault"/> holds the built-in ones; more can be registered.</summary>
public sealed class VerifierRegistry
{
    private readonly Dictionary<string, IVerifier> _verifiers = new(StringComparer.Ordinal);

    public static VerifierRegistry CreateDefault()
    {
        var registry = new VerifierRegistry();
        registry.Register(new ExactMatchVerifier());
        registry.Register(new NumericVerifier());
        registry.Register(new FinalAnswerVerifier());
        return registry;
    }

    public IReadOnlyCollection<string> Names => _verifiers.Keys.Order(StringComparer.Ordinal).ToList();

    public void Register(IVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!_verifiers.TryAdd(verifier.Name, verifier))
        {
            throw new ArgumentException($"a verifier named '{verifier.Name}' is already registered.", nameof(verifier));
        }
    }

    public bool TryGet(string name, out IVerifier verifier) => _verifiers.TryGetValue(name, out verifier!);

    public IVerifier Get(string name) =>
        TryGet(name, out var verifier)
            ? verifier
            : throw new KeyNotFoundException($"unknown verifier '{name}'; known: {string.Join(", ", Names)}.");
}
