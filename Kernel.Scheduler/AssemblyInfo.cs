using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("UnitTests")]
