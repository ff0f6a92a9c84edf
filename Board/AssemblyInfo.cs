using System.Runtime.CompilerServices;

// Kernel.Sync's rt-mutex fast path reads the mask state as a field (IrqController.masked): on the
// interpreter a property call costs as much as the rest of the check. Kernel.Memory's allocator asks
// the attached kernel's caller check (IrqController.AdmitsCaller) before it masks. The tests inject a clock.
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("Kernel.Memory")]
[assembly: InternalsVisibleTo("UnitTests")]
