using NfRt.Kernel;

namespace NfRt.Memory
{
    /// <summary>
    /// The balloon's worker task: waits for its event (a target change or the retry timer), runs
    /// the credit loop under the service's rt-mutex, then (re-)arms or cancels the single retry
    /// timer (docs/spec/balloon.md). The retry policy (period, optional doubling backoff, the one
    /// stall report) lives here too.
    /// </summary>
    public sealed partial class BalloonService
    {
        private void WorkerBody()
        {
            while (true)
            {
                _wake.Wait(-1);
                KernelStatus r = Mutex.Lock();
                if (r != KernelStatus.Ok) throw new KernelFaultException("balloon worker could not take its mutex");
                int stalled = RunOnce();
                Mutex.Unlock();
                IBalloonObserver o = Observer;
                if (stalled > 0 && o != null) o.OnStall(this, stalled);
            }
        }

        /// <summary>
        /// One worker run (mutex held): drain the credit loop, then (re-)arm or cancel the retry
        /// timer. Returns the no-progress retry count when this run completes a stall episode (the
        /// caller reports it after releasing the mutex), else 0.
        /// </summary>
        private int RunOnce()
        {
            int s = Kernel.Enter();
            int exp = _retry.Expirations;
            bool retry = exp != _seenExpirations;
            _seenExpirations = exp;
            _counters.Runs++;
            if (retry) _counters.Retries++;
            Kernel.Leave(s);

            bool progress = false;
            while (true)
            {
                s = Kernel.Enter();
                int credit = EffectiveTarget - Partition.currentBlocks;
                if (credit > 0)
                {
                    // Grow: keep every granted block; a shortfall (or nothing) ends the loop.
                    int k = credit < MaxBatch ? credit : MaxBatch;
                    _counters.GrowRequests++;
                    _counters.GrowRequestedBlocks += k;
                    int n = Pool.GrantMasked(k, _batch);
                    Partition.AcceptMasked(_batch, n);
                    _counters.GrantedBlocks += n;
                    if (n > 0) progress = true;
                    bool shortfall = n < k;
                    if (shortfall) _counters.GrowShortfalls++;
                    Kernel.Leave(s);
                    StepHook();
                    if (shortfall) break;
                }
                else if (credit < 0)
                {
                    // Shrink: free blocks only, above the reserve, no waiting; zero-fill outside the
                    // critical section (the blocks are in flight meanwhile), then hand them back.
                    int want = -credit;
                    int k = want < MaxBatch ? want : MaxBatch;
                    _counters.ShrinkRequests++;
                    _counters.ShrinkRequestedBlocks += k;
                    int n = Partition.TakeFreeMasked(k, _batch);
                    bool shortfall = n < k;
                    if (shortfall) _counters.ShrinkShortfalls++;
                    Kernel.Leave(s);
                    byte[] mem = Pool.Memory;
                    int size = Pool.BlockSize;
                    for (int i = 0; i < n; i++) System.Array.Clear(mem, _batch[i] * size, size);
                    Pool.ReturnBlocks(_batch, n);
                    if (n > 0)
                    {
                        progress = true;
                        s = Kernel.Enter();
                        _counters.ReturnedBlocks += n;
                        Kernel.Leave(s);
                    }
                    StepHook();
                    if (shortfall) break;
                }
                else
                {
                    Kernel.Leave(s);
                    break;
                }
            }

            s = Kernel.Enter();
            int stalled = 0;
            if (progress)
            {
                _counters.NoProgressRetries = 0;
                _counters.LastProgressTick = Kernel.Now;
                _period = RetryPeriod;
            }
            else if (retry)
            {
                _counters.NoProgressRetries++;
                if (RetryBackoff) _period = _period <= MaxRetryPeriod / 2 ? _period * 2 : MaxRetryPeriod;
            }
            if (Partition.currentBlocks == EffectiveTarget)
            {
                _retry.Cancel();
                _counters.NoProgressRetries = 0;
                _period = RetryPeriod;
            }
            else
            {
                _retry.Arm(_period);
                if (!progress && retry && _counters.NoProgressRetries == StallReportRetries)
                {
                    _counters.StallEvents++;
                    stalled = _counters.NoProgressRetries;
                }
            }
            Kernel.Leave(s);
            return stalled;
        }

        /// <summary>Test hook between two steps of a run (outside the critical section, mutex held), or null.</summary>
        internal IBalloonStepHook stepHook;

        private void StepHook()
        {
            IBalloonStepHook h = stepHook;
            if (h != null) h.AfterStep(this);
        }
    }
}
