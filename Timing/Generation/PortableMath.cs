namespace NfRt.Timing;

/// <summary>
/// Natural logarithm and exponential from IEEE-754 additions, multiplications and divisions only, so
/// that the generator makes the same task sets from the same seed on every machine: <see cref="Math.Log(double)"/>
/// and <see cref="Math.Exp"/> come from the platform's C library and may differ in the last bit.
/// Accurate to a few ulps, which is plenty for drawing periods and utilisations.
/// </summary>
public static class PortableMath
{
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>ln x for x &gt; 0: x = m·2^e with m in [1, 2); ln m = 2·atanh((m−1)/(m+1)) by its series.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a finite positive number");
        int e = 0;
        while (x >= 2) { x *= 0.5; e++; }
        while (x < 1) { x *= 2; e--; }
        double z = (x - 1) / (x + 1), z2 = z * z, term = z, sum = 0;
        for (int k = 1; k < 200; k += 2)
        {
            double add = term / k;
            sum += add;
            if (Math.Abs(add) < 1e-18) break;
            term *= z2;
        }
        return 2 * sum + e * Ln2;
    }

    /// <summary>e^y: y = k·ln 2 + r with |r| ≤ ln 2 / 2; e^r by its Taylor series; then scaled by 2^k.</summary>
    public static double Exp(double y)
    {
        if (double.IsNaN(y)) throw new ArgumentOutOfRangeException(nameof(y));
        if (y > 700) return double.PositiveInfinity;
        if (y < -700) return 0;
        double kf = Math.Round(y / Ln2);
        double r = y - kf * Ln2, term = 1, sum = 1;
        for (int n = 1; n < 40; n++)
        {
            term *= r / n;
            sum += term;
            if (Math.Abs(term) < 1e-18) break;
        }
        return Math.ScaleB(sum, (int)kf);
    }

    /// <summary>x^p for x &gt; 0.</summary>
    public static double Pow(double x, double p) => Exp(p * Log(x));
}
