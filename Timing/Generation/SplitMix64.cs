namespace NfRt.Timing;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast generator whose sequence is fixed by its seed
/// on every machine and runtime (unlike <see cref="Random"/>, whose algorithm is not a contract).
/// The generator gives every task set its own stream, <see cref="ForItem"/>, so set k does not depend
/// on how many sets were made before it.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>A generator starting from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The stream of item <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static SplitMix64 ForItem(long seed, long index)
    {
        var mixer = new SplitMix64((ulong)seed);
        ulong a = mixer.NextUInt64();
        return new SplitMix64(a ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>] (inclusive).</summary>
    public long NextLong(long min, long max)
    {
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), "max < min");
        ulong span = (ulong)(max - min) + 1;
        if (span == 0) return (long)NextUInt64();
        ulong limit = ulong.MaxValue - ulong.MaxValue % span;   // rejection keeps it unbiased
        ulong v;
        do v = NextUInt64(); while (v >= limit);
        return min + (long)(v % span);
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>] (inclusive).</summary>
    public int NextInt(int min, int max) => (int)NextLong(min, max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;
}
