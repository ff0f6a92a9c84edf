using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// Destroying an rt-mutex that may be in use (docs/spec/rtmutex.md §16), masked: like the other
    /// primitives' destroy, every waiter's lock call ends with Destroyed; the owner (or pending owner)
    /// stops owning it at once — the top waiter's pi node leaves its piWaiters, a ceiling leaves its
    /// ceilings, its priority is recomputed and a blocked owner's chain deboosted — and its later
    /// Unlock answers Destroyed. The owner word becomes <see cref="DestroyedWord"/>, which every fast
    /// path fails on.
    /// </summary>
    public sealed partial class RtMutex
    {
        private void DestroyMasked()
        {
            _k.AssertMasked();
            TaskControlBlock owner = OwnerTask;
            while (!waiters.IsEmpty)
            {
                Waiter w = waiters.First.Waiter;
                TaskControlBlock t = w.Task;
                waiters.Remove(w.ListNode);
                if (w.PiNode.IsQueued) w.PiNode.List.Remove(w.PiNode);   // the top waiter's, in the owner's piWaiters
                t.blockedOn = null;
                w.mutex = null;
                // Ends the wait of a task blocked here; one already woken (a timeout or an interrupt, not
                // run yet) finds the mutex destroyed when it retries (RtMutex.SlowLock.cs).
                _k.Wake(t, this, KernelStatus.Destroyed);
            }
            if (ceilingNode != null && ceilingNode.IsQueued) ceilingNode.List.Remove(ceilingNode);
            depth = 0;
            ownerWord = DestroyedWord;
            if (owner == null) return;
            _k.Emit(TraceKind.MutexRelease, owner, Id, 0);
            if (_sys.AdjustPrio(owner) && owner.blockedOn != null) _sys.WalkChain(owner, false, null, owner);
        }
    }
}
