using System.Runtime.CompilerServices;

// The scheduler and the sync primitives manipulate intrusive links directly.
[assembly: InternalsVisibleTo("Kernel.Scheduler")]
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("Kernel.Memory")]
[assembly: InternalsVisibleTo("UnitTests")]
