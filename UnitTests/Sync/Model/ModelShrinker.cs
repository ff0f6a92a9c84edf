namespace UnitTests.Sync.Model;

/// <summary>
/// Second-stage shrinking of a failing <see cref="ModelCase"/>. CsCheck shrinks by sampling
/// smaller cases at random, which rarely finds the exact shortest step list; this greedy pass
/// (delta debugging) then removes chunks of steps, then single steps, drops tasks' detection flags
/// and shortens timeouts and tick counts, keeping every change after which the case still fails.
/// </summary>
public static class ModelShrinker
{
    /// <summary>Returns a case no larger than <paramref name="c"/> for which <paramref name="fails"/> still holds.</summary>
    public static ModelCase Minimize(ModelCase c, Func<ModelCase, bool> fails, int budget = 2000)
    {
        bool progress = true;
        while (progress && budget > 0)
        {
            progress = false;
            // 1. Remove chunks of steps, halving the chunk size down to one step.
            for (int size = Math.Max(1, c.Ops.Length / 2); size >= 1 && budget > 0; size /= 2)
            {
                for (int start = 0; start + size <= c.Ops.Length && budget > 0;)
                {
                    Op[] fewer = c.Ops.Take(start).Concat(c.Ops.Skip(start + size)).ToArray();
                    var candidate = c with { Ops = fewer };
                    budget--;
                    if (fails(candidate)) { c = candidate; progress = true; }
                    else start += size;
                }
            }
            // 2. Simplify single steps.
            for (int i = 0; i < c.Ops.Length && budget > 0; i++)
            {
                foreach (Op simpler in Simpler(c.Ops[i]))
                {
                    Op[] ops = (Op[])c.Ops.Clone();
                    ops[i] = simpler;
                    var candidate = c with { Ops = ops };
                    budget--;
                    if (fails(candidate)) { c = candidate; progress = true; break; }
                }
            }
        }
        return c;
    }

    private static IEnumerable<Op> Simpler(Op op)
    {
        if (op.Detect) yield return op with { Detect = false };
        if ((op.Kind == OpKind.Tick && op.Arg > 1) || (op.Kind == OpKind.LockTimed && op.Arg > 0)) yield return op with { Arg = op.Arg - 1 };
        if (op.Kind is OpKind.LockInterruptible or OpKind.LockTimed) yield return op with { Kind = OpKind.Lock, Arg = 0 };
    }
}
