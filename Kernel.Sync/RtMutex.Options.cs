using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// The slow-path pieces of the rt-mutex options (docs/spec/primitives.md §12-§14), masked:
    /// counting a recursive re-lock, turning the robust mark into OwnerDied for the task that
    /// acquires, and the exit hook's release (whole nesting, robust mark). The ceiling's own
    /// pieces sit where ownership changes: the take, the completed pending take and the steal add
    /// <see cref="ceilingNode"/> to the new real owner's Ceilings list (RtMutex.SlowLock.cs); the
    /// unlock removes it (RtMutex.SlowUnlock.cs). A pending owner holds no ceiling: the protocol
    /// starts "from the moment a task locks" (it completes the take).
    /// </summary>
    public sealed partial class RtMutex
    {
        /// <summary>The priority ceiling, or -1 for none.</summary>
        public int Ceiling { get { return _ceiling; } }

        /// <summary>True for a recursive mutex.</summary>
        public bool IsRecursive { get { return _recursive; } }

        /// <summary>True for a robust mutex.</summary>
        public bool IsRobust { get { return _robust; } }

        /// <summary>Recursive mutex: how many more unlocks than one the owner needs to release it (0 otherwise).</summary>
        public int RecursionDepth { get { return depth; } }

        /// <summary>Robust mutex: its last owner ended holding it, and no task has acquired it since.</summary>
        public bool IsOwnerDead { get { return ownerWord != DestroyedWord && (ownerWord & OwnerDiedBit) != 0; } }

        /// <summary>The owner word of a free mutex of this kind (0, or the ceiling bit).</summary>
        internal int FreeWord { get { return _freeWord; } }

        /// <summary>Owner-word bits that survive a change of owner: the ceiling mark and the robust mark.</summary>
        private const int KeptBits = CeilingBit | OwnerDiedBit;

        /// <summary>A recursive mutex locked again by its owner (masked): one level deeper; the fast unlock now fails.</summary>
        private void Nest()
        {
            _k.AssertMasked();
            depth++;
            ownerWord |= NestedBit;
            _sys.Counters.nestedLocks++;
        }

        /// <summary>
        /// The caller has just become the real owner (masked). A robust mutex whose previous owner died
        /// gives OwnerDied, once: the mark is cleared. Otherwise Ok.
        /// </summary>
        private KernelStatus Acquired()
        {
            _k.AssertMasked();
            if ((ownerWord & OwnerDiedBit) == 0) return KernelStatus.Ok;
            ownerWord &= ~OwnerDiedBit;
            _sys.Counters.ownerDied++;
            return KernelStatus.OwnerDied;
        }

        /// <summary>
        /// The exit hook (docs/spec/rtmutex.md §15): <paramref name="task"/>, the current task, ends.
        /// If it owns this mutex outright, the mutex is released whatever the nesting depth, as one
        /// unlock (hand-off to the top waiter, ceiling and boost dropped); a robust mutex is marked so
        /// that the next acquirer gets OwnerDied. True when released. Called with IRQs enabled.
        /// </summary>
        internal bool ReleaseOnExit(TaskControlBlock task)
        {
            int s = _k.Enter();
            bool released = false;
            int word = ownerWord;
            if (word != DestroyedWord && OwnerIdOf(word) == task.Id && (word & PendingOwnerBit) == 0)
            {
                if (depth > 0)
                {
                    depth = 0;
                    ownerWord &= ~NestedBit;
                }
                released = UnlockMasked(task, _robust) == KernelStatus.Ok;
            }
            _k.Leave(s);
            return released;
        }
    }
}
