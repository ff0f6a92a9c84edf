using System.Globalization;
using System.Text;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// A snapshot of one test thread's status, the fields <c>W:</c> and <c>T:</c> lines read
/// (scenario-language.md): O = current opcode or last result, E = event stamp, P = effective
/// priority as 99 - prio, N = normal priority on the same scale, M = one lock-state digit per
/// mutex (0 unlocked, 1 lock call started, 2 blocked, 3 woken and paused, 4 owned).
/// <see cref="ToString"/> prints it like the original tester's status file:
/// <c>O:    0, E:       3, P:  -21, N:  -21, M: 00000004</c> — M printed highest mutex first
/// (mutex 0 is the rightmost digit), at least 8 digits. The status of <c>irq</c> or <c>idle</c>
/// (<see cref="OfContext"/>, scenario-language.md §17) has only O and E and prints only them.
/// </summary>
public sealed class ThreadStatus
{
    public readonly int Thread, O, E, P, N;
    private readonly int[] _m;
    private readonly bool _context;

    public ThreadStatus(int thread, int o, int e, int p, int n, int[] lockStates)
    {
        Thread = thread; O = o; E = e; P = p; N = n;
        _m = (int[])lockStates.Clone();
    }

    /// <summary>The status of <c>irq</c> or <c>idle</c> (<paramref name="caller"/>): O and E only (the parser allows no other test on them).</summary>
    public static ThreadStatus OfContext(int caller, int o, int e) => new(caller, o, e);

    private ThreadStatus(int caller, int o, int e)
    {
        Thread = caller; O = o; E = e;
        _m = Array.Empty<int>();
        _context = true;
    }

    /// <summary>The lock-state digit of mutex <paramref name="mutex"/>.</summary>
    public int M(int mutex) => mutex >= 0 && mutex < _m.Length ? _m[mutex] : 0;

    /// <summary>True when <paramref name="line"/>'s condition (a W or T line) holds.</summary>
    public bool Satisfies(ScenarioLine line)
    {
        var test = line.Test;
        if (Opcodes.Field(test) == StatusField.M) return M(line.Argument) == Opcodes.ExpectedDigit(test);
        int value = Opcodes.Field(test) switch
        {
            StatusField.P => P,
            StatusField.N => N,
            StatusField.O => O,
            _ => E,
        };
        return Opcodes.Comparison(test) switch
        {
            < 0 => value < line.Argument,
            > 0 => value > line.Argument,
            _ => value == line.Argument,
        };
    }

    public override string ToString()
    {
        if (_context) return string.Create(CultureInfo.InvariantCulture, $"O: {O,4}, E: {E,7}");
        int digits = 8;
        for (int i = _m.Length - 1; i >= 8; i--) if (_m[i] != 0) { digits = i + 1; break; }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"O: {O,4}, E: {E,7}, P: {P,4}, N: {N,4}, M: ");
        for (int i = digits - 1; i >= 0; i--) sb.Append((char)('0' + M(i)));
        return sb.ToString();
    }
}
