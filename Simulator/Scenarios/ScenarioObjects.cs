using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The kernel objects of one scenario (scenario-language.md §5, §16, §18): up to 64 each of rt-mutexes
/// (L0..L63), counting semaphores (S0..S63), message queues (Q0..Q63) and event flags (F0..F63).
/// An object is created at the first C line that names it: by its create command with the options
/// given (<see cref="Create"/>), or by any other command with <see cref="CreateOptions.Defaults"/>
/// (a plain mutex, a semaphore of count 0 and max 64, a queue of 2 one-word messages, flags all clear).
/// The parser has already checked that a create command comes before any other use
/// (<see cref="ObjectLedger"/>), so creating never fails here. A destroyed object stays in its slot:
/// every later call on it reports what the kernel returns for a destroyed object.
/// </summary>
public sealed class ScenarioObjects
{
    private readonly Scheduler _kernel;
    private readonly RtMutex[] _mutexes = new RtMutex[ScriptParser.MaxMutexes];
    private readonly CountingSemaphore[] _semaphores = new CountingSemaphore[ScriptParser.MaxObjects];
    private readonly MessageQueue[] _queues = new MessageQueue[ScriptParser.MaxObjects];
    private readonly EventFlags[] _flags = new EventFlags[ScriptParser.MaxObjects];

    public ScenarioObjects(Scheduler kernel) => _kernel = kernel;

    /// <summary>Mutex <paramref name="index"/>, created plain on first use.</summary>
    public RtMutex Mutex(int index) => _mutexes[index] ??= new RtMutex(_kernel, ObjectKinds.Name(ObjectKind.Mutex, index));

    /// <summary>Semaphore <paramref name="index"/>, created with the defaults on first use.</summary>
    public CountingSemaphore Semaphore(int index) => _semaphores[index] ??= NewSemaphore(index, CreateOptions.Defaults);

    /// <summary>Queue <paramref name="index"/>, created with the defaults on first use.</summary>
    public MessageQueue Queue(int index) => _queues[index] ??= NewQueue(index, CreateOptions.Defaults);

    /// <summary>Event flags <paramref name="index"/>, created (all clear) on first use.</summary>
    public EventFlags Flags(int index) => _flags[index] ??= new EventFlags(_kernel, ObjectKinds.Name(ObjectKind.Flags, index));

    /// <summary>Mutex <paramref name="index"/> if it exists, else null.</summary>
    public RtMutex PeekMutex(int index) => index >= 0 && index < _mutexes.Length ? _mutexes[index] : null;

    /// <summary>True when object <paramref name="index"/> of <paramref name="kind"/> exists.</summary>
    public bool Exists(ObjectKind kind, int index) => kind switch
    {
        ObjectKind.Mutex => _mutexes[index] != null,
        ObjectKind.Semaphore => _semaphores[index] != null,
        ObjectKind.Queue => _queues[index] != null,
        ObjectKind.Flags => _flags[index] != null,
        _ => false,
    };

    /// <summary>Creates object <paramref name="index"/> of <paramref name="kind"/> with the defaults unless it exists (driver side, in script order).</summary>
    public void Ensure(ObjectKind kind, int index)
    {
        switch (kind)
        {
            case ObjectKind.Mutex: Mutex(index); break;
            case ObjectKind.Semaphore: Semaphore(index); break;
            case ObjectKind.Queue: Queue(index); break;
            case ObjectKind.Flags: Flags(index); break;
        }
    }

    /// <summary>
    /// A create command (§18): object <paramref name="index"/> of <paramref name="kind"/> with
    /// <paramref name="options"/>. It must not exist yet (the parser guarantees it for a script).
    /// </summary>
    /// <exception cref="InvalidOperationException">It already exists.</exception>
    public void Create(ObjectKind kind, int index, CreateOptions options)
    {
        if (Exists(kind, index)) throw new InvalidOperationException($"{ObjectKinds.Noun(kind)} {index} already exists");
        switch (kind)
        {
            case ObjectKind.Mutex:
                var o = new RtMutexOptions { Ceiling = options.Ceiling, Recursive = options.Recursive, Robust = options.Robust };
                _mutexes[index] = new RtMutex(_kernel, ObjectKinds.Name(kind, index), o);
                break;
            case ObjectKind.Semaphore: _semaphores[index] = NewSemaphore(index, options); break;
            case ObjectKind.Queue: _queues[index] = NewQueue(index, options); break;
            default: throw new ArgumentException("event flags have no create command", nameof(kind));
        }
    }

    private CountingSemaphore NewSemaphore(int index, CreateOptions o) =>
        new(_kernel, ObjectKinds.Name(ObjectKind.Semaphore, index), o.Count, o.Max);

    private MessageQueue NewQueue(int index, CreateOptions o) =>
        new(_kernel, ObjectKinds.Name(ObjectKind.Queue, index), o.Capacity, 1);

    /// <summary>The kernel object itself (for trace names), or null when it does not exist.</summary>
    public KernelObject Peek(ObjectKind kind, int index) => kind switch
    {
        ObjectKind.Mutex => _mutexes[index],
        ObjectKind.Semaphore => _semaphores[index],
        ObjectKind.Queue => _queues[index],
        ObjectKind.Flags => _flags[index],
        _ => null,
    };
}
