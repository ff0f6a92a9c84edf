namespace NfRt.Timing;

/// <summary>
/// UUniFast (Bini and Buttazzo, "Measuring the performance of schedulability tests", Real-Time Systems
/// 30, 2005): n task utilisations summing to U, uniformly distributed over that simplex.
/// </summary>
public static class UUniFast
{
    /// <summary>The <paramref name="n"/> utilisations (each in [0, U], summing to <paramref name="total"/>).</summary>
    public static double[] Draw(SplitMix64 rng, int n, double total)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "at least one task");
        if (!(total > 0)) throw new ArgumentOutOfRangeException(nameof(total), total, "utilisation must be positive");
        var u = new double[n];
        double sum = total;
        for (int i = 0; i < n - 1; i++)
        {
            double next = sum * PortableMath.Pow(1 - rng.NextDouble(), 1.0 / (n - 1 - i));
            u[i] = sum - next;
            sum = next;
        }
        u[n - 1] = sum;
        return u;
    }
}
