using NfRt.Kernel;

namespace NfRt.Simulator.Demo;

/// <summary>The bus mutex of the inversion demo: the rt-mutex or the plain (no inheritance) baseline.</summary>
public interface IBusMutex
{
    string Name { get; }
    KernelStatus Lock();
    KernelStatus Unlock();
}
