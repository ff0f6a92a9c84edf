using System.Runtime.CompilerServices;

// The scheduler and the rt-mutex fast paths read the mask state as a field (IrqController.masked):
// on the interpreter a property call costs as much as the rest of the check. The tests inject a clock.
[assembly: InternalsVisibleTo("Kernel.Scheduler")]
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("UnitTests")]
