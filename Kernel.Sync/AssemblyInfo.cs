using System.Runtime.CompilerServices;

// The rt-mutex test hook (IRtMutexTestHook, RtMutexSystem.TestHook) is host test plumbing: the harness's
// pause hook implements it and the scenario runner installs it. The unit tests read internals.
[assembly: InternalsVisibleTo("Harness")]
[assembly: InternalsVisibleTo("Simulator")]
[assembly: InternalsVisibleTo("UnitTests")]
