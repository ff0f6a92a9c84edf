using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// Message queue of fixed-size messages of 1..16 words, copied in and out (docs/spec/primitives.md §9;
    /// the ThreadX / FreeRTOS model). The messages live in one preallocated ring of
    /// capacity × words ints:
    /// <code>
    ///   _slots: [ m0 w0..wn | m1 w0..wn | ... ]   _head = index of the oldest message, _count messages
    ///   Send        -> a waiting receiver's own array (direct hand-off), else the tail, else wait
    ///   SendUrgent  -> the same, but in front of the head: the next Receive gets it
    ///   Receive     -> the head message, then the most urgent blocked sender's message moves in
    /// </code>
    /// Receivers and senders wait in two priority-ordered lists (FIFO among equals); a blocked
    /// sender's message stays in its own array (<c>TaskControlBlock.waitBuffer</c>) until it is let in,
    /// a blocked receiver's array is where a sender writes directly. Waits are the scheduler's
    /// (<see cref="WaitQueue"/>): timed, interruptible, ended with Destroyed on destroy. <c>Send(…, 0)</c> and
    /// <c>Receive(…, 0)</c> are ISR-safe; a call that would have to wait in an IRQ handler or the idle
    /// task is WrongContext. No allocation per message.
    /// The uncontended calls (nobody waits, tracing off, the running task with interrupts enabled and no
    /// line pending) take a flat fast path with no mask (docs/spec/primitives.md §17).
    /// </summary>
    public sealed class MessageQueue : SyncObject
    {
        /// <summary>Most words per message.</summary>
        public const int MaxWords = 16;

        // What keeps the fast paths out (docs/spec/primitives.md §17), one word so one load decides: 0 = nobody
        // waits and the queue lives. RxMayWait / TxMayWait are set masked before a receiver / sender pends and
        // cleared by the slow path that finds that wait list empty; Dead is set by Destroy.
        internal const int RxMayWait = 1, TxMayWait = 2, Dead = 4;
        internal int fastBlock;
        private readonly int _capacity, _words;
        private readonly int[] _slots;
        private int _head, _count;
        internal readonly WaitQueue receivers, senders;
        private readonly IrqController _irq;   // the fast paths read its fast word and pending lines
        private readonly TraceBuffer _trace;   // the fast Send runs only while nothing records

        /// <summary>Creates an empty queue of <paramref name="capacity"/> messages (a set-up call: it allocates the ring).</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <param name="capacity">The most messages it holds, at least 1.</param>
        /// <param name="wordsPerMessage">Words (ints) per message, 1 .. 16.</param>
        /// <exception cref="System.ArgumentNullException">A null kernel or name.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="capacity"/> &lt; 1 or a ring
        /// (capacity × wordsPerMessage × 4 bytes) larger than the board's RAM; <paramref name="wordsPerMessage"/>
        /// outside 1 .. 16.</exception>
        public MessageQueue(Scheduler kernel, string name, int capacity, int wordsPerMessage) : base(kernel, name)
        {
            if (wordsPerMessage < 1 || wordsPerMessage > MaxWords) throw new System.ArgumentOutOfRangeException("wordsPerMessage", "wordsPerMessage must be within 1 .. 16");
            if (capacity < 1 || (long)capacity * wordsPerMessage * 4 > kernel.Board.Profile.RamBytes)
                throw new System.ArgumentOutOfRangeException("capacity", "capacity must be at least 1, and its ring (capacity x wordsPerMessage x 4 bytes) fit in the board's RAM");
            _capacity = capacity;
            _words = wordsPerMessage;
            _slots = new int[capacity * wordsPerMessage];
            receivers = new WaitQueue(kernel, this);
            senders = new WaitQueue(kernel, this);
            _irq = kernel.Board.Irq;
            _trace = kernel.Trace;
            id = SyncRegistry.Of(kernel).Add(this, SyncRegistry.QueueKind);   // last step: registers the fully built object
        }

        /// <summary>Messages queued.</summary>
        public int Count { get { return _count; } }

        /// <summary>Most messages it holds.</summary>
        public int Capacity { get { return _capacity; } }

        /// <summary>Words per message.</summary>
        public int WordsPerMessage { get { return _words; } }

        /// <summary>Tasks waiting to receive.</summary>
        public int ReceiverCount { get { return receivers.Count; } }

        /// <summary>Tasks waiting to send (the queue is full).</summary>
        public int SenderCount { get { return senders.Count; } }

        /// <summary>Word <paramref name="word"/> of queued message <paramref name="index"/> (0 = the next one Receive gets).</summary>
        /// <param name="index">Queued message, 0 .. Count-1 (0 = the next one Receive gets).</param>
        /// <param name="word">Word of that message, 0 .. WordsPerMessage-1.</param>
        /// <returns>The word's value.</returns>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="index"/> is not within 0 .. Count-1, or
        /// <paramref name="word"/> not within 0 .. WordsPerMessage-1 (a message not queued has no words to read).</exception>
        public int Peek(int index, int word)
        {
            if (index < 0 || index >= _count) throw new System.ArgumentOutOfRangeException("index", "index must be within 0 .. Count-1");
            if (word < 0 || word >= _words) throw new System.ArgumentOutOfRangeException("word", "word must be within 0 .. WordsPerMessage-1");
            return _slots[((_head + index) % _capacity) * _words + word];
        }

        /// <summary>Waiting receiver (<paramref name="senderList"/> false) or sender number <paramref name="index"/> in wait order, or null.</summary>
        /// <param name="senderList">True: the blocked senders; false: the blocked receivers.</param>
        /// <param name="index">0-based position in wait order.</param>
        /// <returns>The waiting task, or null when there is none at that position.</returns>
        public TaskControlBlock WaiterAt(bool senderList, int index) { return (senderList ? senders : receivers).At(index); }

        /// <summary>
        /// Copies <paramref name="message"/>[0 .. words-1] to the back of the queue (or straight into
        /// a waiting receiver's array). Ok; TimedOut when the queue stayed full for
        /// <paramref name="timeoutTicks"/> ticks (0: do not wait; negative: no limit); Interrupted;
        /// Destroyed; InvalidArgument for a null or too short array; WrongContext when it would have to
        /// wait in an IRQ handler or the idle task. ISR-safe with 0.
        /// </summary>
        /// <param name="message">The message; its first WordsPerMessage ints are copied.</param>
        /// <param name="timeoutTicks">Ticks to wait at most while the queue is full; 0: do not wait; negative: no limit.</param>
        /// <returns>Ok, TimedOut, Interrupted, Destroyed, InvalidArgument or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Send(int[] message, long timeoutTicks)
        {
            // The fast path (docs/spec/primitives.md §17; the argument as in CountingSemaphore.Take): room in the
            // ring, nobody waits, the task that owns the CPU with interrupts enabled, no line pending, no halt asked
            // for, nothing records traces. No mask: nothing else runs kernel code meanwhile. The array is checked by
            // the copy itself (a null or too short array throws before a word moves, nothing was changed yet):
            // InvalidArgument, as the full path answers, with no null and length tests on the good path.
            int c = _count;
            if ((fastBlock | _irq.pendingLines | _irq.haltRequested) == 0 && c < _capacity && _irq.fastWord != 0 && _trace.sink == null
                && Thread.CurrentThread == _irq.runnerThread)
            {
                int slot = _head + c;
                if (slot >= _capacity) slot -= _capacity;
                try { System.Array.Copy(message, 0, _slots, slot * _words, _words); }
                catch (System.Exception) { return KernelStatus.InvalidArgument; }
                _count = c + 1;
                return KernelStatus.Ok;
            }
            return Put(message, timeoutTicks, false);
        }

        /// <summary>As <see cref="Send"/>, but to the front of the queue: the next Receive gets it.</summary>
        /// <param name="message">The message; its first WordsPerMessage ints are copied.</param>
        /// <param name="timeoutTicks">Ticks to wait at most while the queue is full; 0: do not wait; negative: no limit.</param>
        /// <returns>As <see cref="Send"/>: Ok, TimedOut, Interrupted, Destroyed, InvalidArgument or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus SendUrgent(int[] message, long timeoutTicks) { return Put(message, timeoutTicks, true); }

        private KernelStatus Put(int[] message, long timeoutTicks, bool urgent)
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (message == null || message.Length < _words) return KernelStatus.InvalidArgument;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Ok;
            if (destroyed) r = KernelStatus.Destroyed;
            else
            {
                TaskControlBlock rx = receivers.First;
                if (rx != null)
                {
                    System.Array.Copy(message, 0, rx.waitBuffer, 0, _words);
                    _k.Emit(TraceKind.QueueSend, _k.Current, id, rx.Id);
                    receivers.WakeFirst(KernelStatus.Ok);
                    if (receivers.First == null) fastBlock &= ~RxMayWait;   // the last receiver served
                }
                else
                {
                    fastBlock &= ~RxMayWait;   // no receiver waits (any left by a timeout or an interrupt)
                    if (_count < _capacity)
                    {
                        Store(message, urgent);
                        _k.Emit(TraceKind.QueueSend, _k.Current, id, 0);
                    }
                    else
                    {
                        TaskControlBlock me = _k.Current;   // the sender's message waits in its own array
                        me.waitBuffer = message;
                        me.waitMode = urgent ? 1 : 0;
                        if (timeoutTicks != 0) fastBlock |= TxMayWait;   // before it pends: a fast Receive must fail
                        r = _k.BlockCurrent(s, TaskState.Blocked, this, senders.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
                    }
                }
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>
        /// Copies the next message (the oldest, or the latest urgent one) into
        /// <paramref name="into"/>[0 .. words-1] and lets the most urgent blocked sender in. Ok;
        /// TimedOut when none came within <paramref name="timeoutTicks"/> ticks (0: do not wait;
        /// negative: no limit); Interrupted; Destroyed; InvalidArgument for a null or too short array;
        /// WrongContext when it would have to wait in an IRQ handler or the idle task.
        /// </summary>
        /// <param name="into">Array the message is copied into (at least WordsPerMessage ints).</param>
        /// <param name="timeoutTicks">Ticks to wait at most while the queue is empty; 0: do not wait; negative: no limit.</param>
        /// <returns>Ok, TimedOut, Interrupted, Destroyed, InvalidArgument or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Receive(int[] into, long timeoutTicks)
        {
            // The fast path (see Send): a message queued, nobody waits, the CPU's task, interrupts enabled, no line
            // pending, no halt asked for; the array checked by the copy. (A receive that lets nobody in records no trace.)
            int c = _count;
            if ((fastBlock | _irq.pendingLines | _irq.haltRequested) == 0 && c > 0 && _irq.fastWord != 0
                && Thread.CurrentThread == _irq.runnerThread)
            {
                int h = _head;
                try { System.Array.Copy(_slots, h * _words, into, 0, _words); }
                catch (System.Exception) { return KernelStatus.InvalidArgument; }
                _head = h + 1 == _capacity ? 0 : h + 1;
                _count = c - 1;
                return KernelStatus.Ok;
            }
            // The full path, in this frame (not a call): a task parked in its wait keeps one stack frame less.
            // Its locals are few on purpose (nanoCLR sets up every local of the frame on each call, the fast path's
            // too): c holds the mask state from here on, r the caller check's status and then the result.
            KernelStatus r = _k.CheckCaller();
            if (r != KernelStatus.Ok) return r;
            if (into == null || into.Length < _words) return KernelStatus.InvalidArgument;
            c = _k.EnterChecked();
            if (destroyed) r = KernelStatus.Destroyed;
            else if (_count > 0)
            {
                System.Array.Copy(_slots, _head * _words, into, 0, _words);
                _head = _head + 1 == _capacity ? 0 : _head + 1;
                _count--;
                LetSenderInMasked();
            }
            else
            {
                _k.Current.waitBuffer = into;   // a sender writes straight into it
                if (timeoutTicks != 0) fastBlock |= RxMayWait;   // before it pends: a fast Send must fail
                r = _k.BlockCurrent(c, TaskState.Blocked, this, receivers.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
            }
            _k.Leave(c);
            return r;
        }

        /// <summary>
        /// After a Receive took a message (masked): the most urgent blocked sender's message moves in and it wakes; the
        /// fast Receive is let back in once no sender waits. A call of its own, so Receive's frame has no local for it.
        /// </summary>
        private void LetSenderInMasked()
        {
            TaskControlBlock tx = senders.First;
            if (tx != null)
            {
                Store(tx.waitBuffer, tx.waitMode != 0);
                _k.Emit(TraceKind.QueueSend, tx, id, 0);
                senders.WakeFirst(KernelStatus.Ok);
            }
            if (senders.First == null) fastBlock &= ~TxMayWait;   // no sender waits now (served, or left)
        }

        /// <summary>Copies a message into the ring at the tail, or in front of the head when urgent (masked, not full).</summary>
        private void Store(int[] message, bool urgent)
        {
            int slot;
            if (urgent)
            {
                _head = _head == 0 ? _capacity - 1 : _head - 1;
                slot = _head;
            }
            else
            {
                slot = _head + _count;
                if (slot >= _capacity) slot -= _capacity;
            }
            System.Array.Copy(message, 0, _slots, slot * _words, _words);
            _count++;
        }

        /// <summary>Destroy, masked: wakes every waiter with Destroyed (SyncObject.Destroy).</summary>
        internal override void WakeAllForDestroyMasked()
        {
            fastBlock |= Dead;   // every fast path fails from now on
            receivers.WakeAll(KernelStatus.Destroyed);
            senders.WakeAll(KernelStatus.Destroyed);
        }

        /// <summary>docs/spec/primitives.md §6 for this queue (masked).</summary>
        internal override string CheckMasked()
        {
            if (_count < 0 || _count > _capacity) return Name + ": count " + _count + " outside 0 .. " + _capacity;
            if (_head < 0 || _head >= _capacity) return Name + ": head " + _head + " outside the ring";
            string e = receivers.Check("receivers");
            if (e == null) e = senders.Check("senders");
            if (e != null) return e;
            int rx = receivers.Count, tx = senders.Count;
            if (rx > 0 && _count > 0) return Name + ": " + rx + " receivers wait although " + _count + " messages are queued";
            if (tx > 0 && _count < _capacity) return Name + ": " + tx + " senders wait although the queue has room";
            if ((rx > 0 || tx > 0) && destroyed) return Name + ": destroyed with waiters";
            if (destroyed != ((fastBlock & Dead) != 0)) return Name + ": fast-path word " + fastBlock + (destroyed ? " of a destroyed" : " of a live") + " queue";
            if (rx > 0 && (fastBlock & RxMayWait) == 0) return Name + ": " + rx + " receivers wait but a fast Send may run";
            if (tx > 0 && (fastBlock & TxMayWait) == 0) return Name + ": " + tx + " senders wait but a fast Receive may run";
            for (PlistNode n = receivers.list.First; n != null; n = n.next)
            {
                int[] b = n.Task.waitBuffer;
                if (b == null || b.Length < _words) return Name + ": receiver " + n.Task.Name + " has no array to receive into";
            }
            for (PlistNode n = senders.list.First; n != null; n = n.next)
            {
                int[] b = n.Task.waitBuffer;
                if (b == null || b.Length < _words) return Name + ": sender " + n.Task.Name + " has no message";
            }
            return null;
        }
    }
}
