using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// What a user, a test or the scenario runner can read of an rt-mutex: its layer, the raw owner
    /// word (the table in <c>RtMutex.cs</c>), the owner or pending owner, the wait list. Read-only;
    /// consistent when read by the task that owns the CPU (or the driver while idle).
    /// </summary>
    public sealed partial class RtMutex
    {
        /// <summary>The rt-mutex layer this mutex belongs to.</summary>
        public RtMutexSystem System { get { return _sys; } }

        /// <summary>The raw owner word (see the table above).</summary>
        public int OwnerWord { get { return ownerWord; } }

        /// <summary>The owner or pending owner, or null when free (or destroyed).</summary>
        public override TaskControlBlock OwnerTask
        {
            get
            {
                int owner = OwnerIdOf(ownerWord);
                return owner == 0 ? null : _k.TaskById(owner);
            }
        }

        /// <summary>True while the owner is only a pending owner.</summary>
        public bool HasPendingOwner { get { return OwnerIdOf(ownerWord) != 0 && (ownerWord & PendingOwnerBit) != 0; } }

        /// <summary>True once destroyed.</summary>
        public bool IsDestroyed { get { return ownerWord == DestroyedWord; } }

        /// <summary>The most urgent waiting task, or null.</summary>
        public TaskControlBlock TopWaiter
        {
            get
            {
                PlistNode n = waiters.First;
                return n == null ? null : n.Task;
            }
        }

        /// <summary>Waiting task number <paramref name="index"/> in wait-list order, or null.</summary>
        /// <param name="index">0-based position in wait-list order.</param>
        /// <returns>The waiting task, or null when there is none at that position.</returns>
        public TaskControlBlock WaiterAt(int index)
        {
            PlistNode n = waiters.First;
            for (int i = 0; n != null && i < index; i++) n = n.Next;
            return n == null ? null : n.Task;
        }
    }
}
