using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Kernel.Sync")]
[assembly: InternalsVisibleTo("Kernel.Memory")]
[assembly: InternalsVisibleTo("UnitTests")]
