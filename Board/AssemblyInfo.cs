using System.Runtime.CompilerServices;

// The IRQ controller and the board's CPU and clock services (IdleUntilTick, ConsumeCpu, Start, Stop,
// NewGate) are kernel plumbing, internal: the scheduler attaches to the controller and drives the board;
// Kernel.Sync's rt-mutex fast path reads the mask state as a field (IrqController.masked: on the
// interpreter a property call costs as much as the rest of the check); Kernel.Memory's allocator masks
// the board and asks the attached kernel's caller check (IrqController.AdmitsCaller) first. The tests
// inject a clock.
[assembly: InternalsVisibleTo("Kernel.Scheduler")]
[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("Kernel.Memory")]
[assembly: InternalsVisibleTo("UnitTests")]
