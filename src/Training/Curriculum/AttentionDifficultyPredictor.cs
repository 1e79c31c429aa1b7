using System.Numerics;
using System.Runtime.InteropServices;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// DOTS' attention over a reference set: d^_q = sum_i softmax_i(cos(e_q, e_i) / T) * d_i, where d_i are the
/// reference prompts' measured difficulties.
/// </summary>
public sealed class AttentionDifficultyPredictor
{
    private readonly float[][] _references;
    private readonly double[] _difficulties;
    private readonly double _temperature;

    public AttentionDifficultyPredictor(IReadOnlyList<float[]> referenceEmbeddings, IReadOnlyList<double> difficulties, double temperature)
    {
        ArgumentNullException.ThrowIfNull(referenceEmbeddings);
        ArgumentNullException.ThrowIfNull(difficulties);
        if (referenceEmbeddings.Count != difficulties.Count || referenceEmbeddings.Count == 0)
        {
            throw new ArgumentException(
                $"need a non-empty reference set with one difficulty per embedding ({referenceEmbeddings.Count} vs {difficulties.Count}).");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        _references = referenceEmbeddings.Select(Normalize).ToArray();
        _difficulties = difficulties.ToArray();
        _temperature = temperature;
    }

    public int Count => _references.Length;

    /// <summary>Prediction for an embedding; <paramref name="excluded"/> leaves one reference out (-1: none).</summary>
    public double Predict(float[] embedding, int excluded = -1)
    {
        var query = Normalize(embedding);
        var scores = new double[_references.Length];
        var max = double.NegativeInfinity;
        for (var i = 0; i < _references.Length; i++)
        {
            if (i == excluded)
            {
                continue;
            }
            scores[i] = Dot(query, _references[i]) / _temperature;
            max = Math.Max(max, scores[i]);
        }
        double weighted = 0, total = 0;
        for (var i = 0; i < _references.Length; i++)
        {
            if (i == excluded)
            {
                continue;
            }
            var a = Math.Exp(scores[i] - max);
            weighted += a * _difficulties[i];
            total += a;
        }
        return total > 0 ? weighted / total : _difficulties.Average();
    }

    /// <summary>Each reference prompt predicted from all the others.</summary>
    public double[] PredictLeaveOneOut() =>
        Enumerable.Range(0, _references.Length).Select(i => Predict(_references[i], i)).ToArray();

    private static float[] Normalize(float[] vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        return norm > 0 ? vector.Select(v => (float)(v / norm)).ToArray() : (float[])vector.Clone();
    }

    private static double Dot(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"embedding sizes differ: {a.Length} vs {b.Length}.");
        }
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }
        var total = (double)Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }
        return total;
    }
}
