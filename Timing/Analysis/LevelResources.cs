namespace NfRt.Timing;

/// <summary>
/// For one priority level P (the analysed task's), which resources let a less urgent task run while
/// a job of priority P or more urgent is pending (docs/spec/timing.md §5.4):
/// <list type="bullet">
/// <item><see cref="Lifts"/> (S): resources whose holder may run at priority P or more urgent:
/// a ceiling resource whose ceiling is at least as urgent as P; an <c>inherit</c> or <c>ceiling</c>
/// resource that a task running at P or more urgent may wait on — a task whose own priority is at least
/// as urgent as P, or one that holds a resource of S at that lock (transitive inheritance). Least fixed point.</item>
/// <item><see cref="Chain"/> (C): resources a wait chain starting at P or above may pass through — S's
/// waiters plus waits nested in a resource of C; a <c>plain</c> lock stops inheritance but not the chain.</item>
/// <item><see cref="Low"/> = C minus S: resources in such a chain whose holder may run at its <em>own</em>
/// priority (below P) while the chain waits. When a holder of one of them is less urgent than P and a task or
/// ceiling lies in between (less urgent than P, at least as urgent as the holder), that task can run instead
/// of the holder for as long as it likes: the blocking is unbounded (<see cref="Unbounded"/>).</item>
/// </list>
/// Only lock sites that may block (<see cref="TaskSetIndex.MayBlock"/>) count as waits.
/// </summary>
internal sealed class LevelResources
{
    public readonly int Level;
    public readonly bool[] Lifts;
    public readonly bool[] Chain;
    /// <summary>Why blocking at this level is unbounded, or null when it is bounded.</summary>
    public readonly string Unbounded;

    public LevelResources(TaskSetIndex x, int level)
    {
        Level = level;
        int n = x.Resources.Length;
        Lifts = new bool[n];
        Chain = new bool[n];
        for (int r = 0; r < n; r++)
            if (x.Resources[r].Protocol == LockProtocol.Ceiling && x.Ceiling[r] <= level) Lifts[r] = true;
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var s in x.Sites)
            {
                if (!x.MayBlock[s.Id]) continue;
                bool high = x.Tasks[s.Task].Priority <= level, chained = high;
                foreach (var a in s.Ancestors)
                {
                    high |= Lifts[a.Resource];
                    chained |= high || Chain[a.Resource];
                }
                if (chained && !Chain[s.Resource]) { Chain[s.Resource] = true; changed = true; }
                if (high && x.Resources[s.Resource].Protocol != LockProtocol.Plain && !Lifts[s.Resource]) { Lifts[s.Resource] = true; changed = true; }
            }
        }
        Unbounded = FindUnbounded(x);
    }

    /// <summary>True when resource <paramref name="r"/> is in C but not in S.</summary>
    public bool Low(int r) => Chain[r] && !Lifts[r];

    /// <summary>True when a less urgent holder of <paramref name="r"/> may run while a job at this level is pending (S ∪ Low).</summary>
    public bool Blocks(int r) => Lifts[r] || Chain[r];

    /// <summary>True when every resource of S is a ceiling resource lifting by its ceiling, and no resource is Low.</summary>
    public bool CeilingOnly(TaskSetIndex x)
    {
        for (int r = 0; r < Lifts.Length; r++)
        {
            if (Low(r)) return false;
            if (Lifts[r] && !(x.Resources[r].Protocol == LockProtocol.Ceiling && x.Ceiling[r] <= Level)) return false;
        }
        return true;
    }

    private string FindUnbounded(TaskSetIndex x)
    {
        for (int r = 0; r < x.Resources.Length; r++)
        {
            if (!Low(r)) continue;
            foreach (int l in x.Users[r])
            {
                int holder = x.Tasks[l].Priority;
                if (holder <= Level) continue;
                for (int t = 0; t < x.Tasks.Length; t++)
                    if (t != l && x.Tasks[t].Priority > Level && x.Tasks[t].Priority <= holder)
                        return Describe(x, r, l, $"task \"{x.Tasks[t].Name}\" (priority {x.Tasks[t].Priority})");
                for (int c = 0; c < x.Resources.Length; c++)
                    if (x.Resources[c].Protocol == LockProtocol.Ceiling && x.Ceiling[c] > Level && x.Ceiling[c] <= holder && x.Users[c].Any(u => u != l))
                        return Describe(x, r, l, $"a holder of ceiling resource \"{x.Resources[c].Name}\" (ceiling {x.Ceiling[c]})");
            }
        }
        return null;
    }

    private string Describe(TaskSetIndex x, int r, int holder, string intermediate)
    {
        var res = x.Resources[r];
        string how = res.Protocol == LockProtocol.Plain ? "a plain lock (no inheritance)" : "a lock whose waiters may all run below this priority";
        return $"a job at priority {Level} may wait, directly or through a chain, on \"{res.Name}\" ({how}) held by \"{x.Tasks[holder].Name}\" "
            + $"running at its own priority {x.Tasks[holder].Priority}, while {intermediate} runs in between for as long as it likes";
    }
}
