using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The ready queue: one FIFO list per priority level and a two-level bitmap over the
    /// levels (a summary word whose bit g says "group g of 32 levels is non-empty", and one
    /// word per group), so finding the most urgent ready task is two lowest-set-bit lookups:
    /// O(1) for up to 1024 levels. Enqueue and remove are O(1). Links live in the TCB.
    /// </summary>
    internal sealed class ReadyQueue
    {
        private readonly TaskControlBlock[] _head, _tail;
        private readonly uint[] _groups;
        private uint _summary;
        internal int count;   // a field: the kernel's Leave reads it on every call

        /// <summary>Creates a queue for <paramref name="levels"/> priority levels (1 .. 1024).</summary>
        public ReadyQueue(int levels)
        {
            _head = new TaskControlBlock[levels];
            _tail = new TaskControlBlock[levels];
            _groups = new uint[(levels + 31) / 32];
        }

        /// <summary>Tasks queued.</summary>
        public int Count { get { return count; } }

        /// <summary>Adds at the tail of its effective priority's list (FIFO among equals).</summary>
        public void EnqueueTail(TaskControlBlock t)
        {
            int p = t.effectivePriority;
            t.readyNext = null;
            t.readyPrev = _tail[p];
            if (_tail[p] != null) _tail[p].readyNext = t; else _head[p] = t;
            _tail[p] = t;
            t.inReadyQueue = true;   // the marks written out, not a call: a yield's path (one call less per switch)
            _groups[p >> 5] |= 1u << (p & 31);
            _summary |= 1u << (p >> 5);
            count++;
        }

        /// <summary>Adds at the head of its list (a preempted task resumes first among its equals).</summary>
        public void EnqueueHead(TaskControlBlock t)
        {
            int p = t.effectivePriority;
            t.readyPrev = null;
            t.readyNext = _head[p];
            if (_head[p] != null) _head[p].readyPrev = t; else _tail[p] = t;
            _head[p] = t;
            t.inReadyQueue = true;
            _groups[p >> 5] |= 1u << (p & 31);
            _summary |= 1u << (p >> 5);
            count++;
        }

        /// <summary>
        /// The running task <paramref name="t"/> (not queued, state set by the caller) yields: it goes behind every
        /// ready task of its priority. Returns the task that runs next: the oldest of its equals, already out of the
        /// queue (t took its place: one step for <see cref="EnqueueTail"/> and <see cref="Remove"/> of the head, the
        /// bitmap and count unchanged), or a more urgent ready task, still queued (t queued behind its equals). Null
        /// when no task of t's priority or a more urgent one is ready: t is still the pick and is not queued.
        /// </summary>
        public TaskControlBlock YieldFrom(TaskControlBlock t)
        {
            int p = t.effectivePriority;
            // More urgent levels: lower groups in the summary, lower bits of t's group (1u << 0 - 1 == 0: none).
            if (((_summary & ((1u << (p >> 5)) - 1)) | (_groups[p >> 5] & ((1u << (p & 31)) - 1))) != 0)
            {
                EnqueueTail(t);
                return Peek();
            }
            TaskControlBlock h = _head[p];
            if (h == null) return null;
            TaskControlBlock n = h.readyNext;
            if (n == null)
            {
                t.readyPrev = null;     // h was alone at its level: t takes its place
                _head[p] = t;
            }
            else
            {
                n.readyPrev = null;
                _head[p] = n;
                TaskControlBlock last = _tail[p];
                t.readyPrev = last;
                last.readyNext = t;
                h.readyNext = null;
            }
            t.readyNext = null;
            _tail[p] = t;
            t.inReadyQueue = true;
            h.inReadyQueue = false;
            return h;
        }

        /// <summary>Removes a queued task (its effective priority must not have changed since enqueue).</summary>
        public void Remove(TaskControlBlock t)
        {
            if (!t.inReadyQueue) throw new KernelFaultException("ready queue: task not queued");
            int p = t.effectivePriority;
            if (t.readyNext != null) t.readyNext.readyPrev = t.readyPrev; else _tail[p] = t.readyPrev;
            if (t.readyPrev != null) t.readyPrev.readyNext = t.readyNext; else _head[p] = t.readyNext;
            t.readyNext = t.readyPrev = null;
            t.inReadyQueue = false;
            count--;
            if (_head[p] == null)
            {
                _groups[p >> 5] &= ~(1u << (p & 31));
                if (_groups[p >> 5] == 0) _summary &= ~(1u << (p >> 5));
            }
        }

        /// <summary>The most urgent ready task (oldest among equals), or null. O(1).</summary>
        public TaskControlBlock Peek()
        {
            uint s = _summary;
            if (s == 0) return null;
            // Two lowest-set-bit lookups (BitOps.LowestSetBit), written out: the pick of every switch, two calls less.
            int g = BitOps.DeBruijn[(int)(((s & (uint)-(int)s) * BitOps.DeBruijnWord) >> 27)];
            uint w = _groups[g];
            int p = (g << 5) + BitOps.DeBruijn[(int)(((w & (uint)-(int)w) * BitOps.DeBruijnWord) >> 27)];
            return _head[p];
        }

        /// <summary>True when some task is queued at exactly priority <paramref name="p"/>.</summary>
        public bool HasAt(int p) { return _head[p] != null; }

        /// <summary>Self-check: bitmap agrees with the lists, links consistent, every task Ready at its level. Null when sound.</summary>
        public string Check()
        {
            int n = 0;
            for (int p = 0; p < _head.Length; p++)
            {
                bool bit = (_groups[p >> 5] & (1u << (p & 31))) != 0;
                if (bit != (_head[p] != null)) return "ready queue: bitmap disagrees at level " + p;
                TaskControlBlock prev = null;
                for (TaskControlBlock t = _head[p]; t != null; t = t.readyNext)
                {
                    if (t.readyPrev != prev) return "ready queue: broken link at level " + p;
                    if (t.effectivePriority != p) return "ready queue: " + t.Name + " queued at wrong level";
                    if (t.state != TaskState.Ready) return "ready queue: " + t.Name + " queued but not Ready";
                    prev = t;
                    n++;
                }
                if (prev != _tail[p]) return "ready queue: wrong tail at level " + p;
            }
            for (int g = 0; g < _groups.Length; g++)
                if (((_summary >> g) & 1u) != (_groups[g] != 0 ? 1u : 0u)) return "ready queue: summary bit wrong for group " + g;
            if (n != count) return "ready queue: count mismatch";
            return null;
        }
    }
}
