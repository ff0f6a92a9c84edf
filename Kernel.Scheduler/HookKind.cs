namespace NfRt.Scheduling
{
    /// <summary>Which kind of application code the kernel called when it failed (docs/spec/scheduler.md §37).</summary>
    public enum HookKind
    {
        /// <summary>An <see cref="IIrqHandler"/> threw.</summary>
        IrqHandler = 1,
        /// <summary>An application <see cref="IInvariantChecker"/> reported a broken invariant or threw.</summary>
        InvariantChecker = 2,
        /// <summary>The trace sink (<c>ITraceSink.OnEvent</c>) threw.</summary>
        TraceSink = 3,
    }
}
