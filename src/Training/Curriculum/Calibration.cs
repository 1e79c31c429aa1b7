using Orleans;

namespace Rlvr.Training.Curriculum;

/// <summary>A fitted calibration: Linear is slope * x + intercept, Platt is sigmoid(slope * logit(x) + intercept).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.Calibration")]
public sealed record Calibration(DifficultyCalibration Kind, double Slope, double Intercept)
{
    public static Calibration Identity { get; } = new(DifficultyCalibration.None, 1, 0);

    /// <summary>Calibrated difficulty, clipped to [0, 1].</summary>
    public double Apply(double raw) => Kind switch
    {
        DifficultyCalibration.None => Math.Clamp(raw, 0, 1),
        DifficultyCalibration.Linear => Math.Clamp(Slope * raw + Intercept, 0, 1),
        DifficultyCalibration.Platt => Statistics.Sigmoid(Slope * Statistics.Logit(raw) + Intercept),
        _ => throw new InvalidOperationException($"unknown calibration {Kind}."),
    };

    public static Calibration Fit(DifficultyCalibration kind, IReadOnlyList<double> raw, IReadOnlyList<double> truth)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(truth);
        return kind switch
        {
            DifficultyCalibration.None => Identity,
            DifficultyCalibration.Linear => FitLinear(raw, truth),
            DifficultyCalibration.Platt => FitPlatt(raw, truth),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown calibration."),
        };
    }

    private static Calibration FitLinear(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        // Without spread in the predictions the best line is the mean difficulty.
        var slope = sxx > 1e-12 ? sxy / sxx : 0;
        return new Calibration(DifficultyCalibration.Linear, slope, my - slope * mx);
    }

    /// <summary>Newton's method on the mean cross-entropy of sigmoid(w * logit(x) + b) against soft targets y.</summary>
    private static Calibration FitPlatt(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        const double Ridge = 1e-6;
        var z = x.Select(v => Statistics.Logit(v)).ToArray();
        double w = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double gw = Ridge * w, gb = 0, hww = Ridge, hwb = 0, hbb = Ridge;
            for (var i = 0; i < z.Length; i++)
            {
                var s = Statistics.Sigmoid(w * z[i] + b);
                var r = s - y[i];
                var c = s * (1 - s);
                gw += r * z[i];
                gb += r;
                hww += c * z[i] * z[i];
                hwb += c * z[i];
                hbb += c;
            }
            var det = hww * hbb - hwb * hwb;
            if (det <= 1e-18)
            {
                break;
            }
            var dw = (hbb * gw - hwb * gb) / det;
            var db = (hww * gb - hwb * gw) / det;
            w -= dw;
            b -= db;
            if (Math.Abs(dw) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }
        return new Calibration(DifficultyCalibration.Platt, w, b);
    }
}
