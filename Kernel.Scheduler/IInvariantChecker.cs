namespace NfRt.Scheduling
{
    /// <summary>A structural check run after kernel operations when invariant checking is on.</summary>
    public interface IInvariantChecker
    {
        /// <summary>Null when every invariant holds, else a description of the first broken one. Called masked.</summary>
        /// <returns>Null when sound, else the first broken invariant.</returns>
        string Check();
    }
}
