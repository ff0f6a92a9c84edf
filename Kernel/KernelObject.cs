namespace NfRt.Kernel
{
    /// <summary>
    /// Anything a task can block on: a mutex, an event, a task it joins, a semaphore, a queue,
    /// event flags. It is the one type of <see cref="TaskControlBlock.WaitingOn"/>, so the link
    /// from a blocked task to what it waits for is typed (no <c>object</c> links between kernel
    /// objects). Only the kernel's own assemblies derive from it.
    /// </summary>
    public abstract class KernelObject
    {
        /// <summary>Human-readable name, for traces and messages.</summary>
        public readonly string Name;

        internal KernelObject(string name) { Name = name; }

        /// <summary>The name.</summary>
        /// <returns><see cref="Name"/>.</returns>
        public override string ToString() { return Name; }
    }
}
