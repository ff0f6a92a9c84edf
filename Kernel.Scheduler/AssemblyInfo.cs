using System.Runtime.CompilerServices;

// Kernel plumbing used by the layers above: the critical section (Enter/Leave, EnterChecked), block and
// wake, the priority and exit hooks, the kernel checkers (AddKernelChecker). Kernel.Sync builds its
// primitives on them; Kernel.Memory's balloon service uses the critical section and registers its checker.
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("Kernel.Memory")]
[assembly: InternalsVisibleTo("UnitTests")]
