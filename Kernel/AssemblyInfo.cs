using System.Runtime.CompilerServices;

// The scheduler and the rt-mutex change task control blocks, lists and nodes through their
// internal fields; the unit tests read them.
[assembly: InternalsVisibleTo("Kernel.Scheduler")]
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("UnitTests")]
