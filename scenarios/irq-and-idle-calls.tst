# Kernel calls from an interrupt handler (irq) and from the idle task (idle), scenario-language.md §17.
# The ISR-safe calls work from both: give, set, clear, send and receive without waiting; a call that
# would wait, and every lock or unlock, is refused with -201 (WrongContext); what the kernel
# returns is what O shows. A task an interrupt makes ready runs when the interrupt exits.
C: resetevent:		0: 0
# --- semaphore: the ISR's give goes straight to the waiter, which runs after the interrupt
C: schedfifo:		0: 80
C: semtake:		0: 0
W: opcodeeq:		0: semtake
T: semwaiterseq:	0: 1
C: semgive:		irq: 0
T: opcodeeq:		irq: 0
W: opcodeeq:		0: 0
# events: T0's take started (1), the handler's give (2, 3), then T0's take returned (4)
T: eventeq:		irq: 3
T: eventeq:		0: 4
T: semwaiterseq:	0: 0
T: semcounteq:		0: 0
# a give by the handler counts two events, like a thread's call
C: resetevent:		1: 0
C: semgive:		irq: 0
T: eventeq:		irq: 2
T: semcounteq:		0: 1
# take without waiting works from the ISR; with the count at 0 a take would wait: -201
C: semtake:		irq: 0
T: opcodeeq:		irq: 0
C: semtake:		irq: 0
T: opcodeeq:		irq: -201
C: settimeout:		irq: 0
C: semtaketimeout:	irq: 0
T: opcodeeq:		irq: -110
# the idle task: same rules
C: semgive:		idle: 0
T: opcodeeq:		idle: 0
C: semtake:		idle: 0
T: opcodeeq:		idle: 0
C: semtake:		idle: 0
T: opcodeeq:		idle: -201
T: semcounteq:		0: 0
# --- event flags: set from the ISR wakes the waiter, clear from the idle task
C: setvalue:		1: 6
C: flagswaitall:	1: 0
W: opcodeeq:		1: flagswaitall
C: setvalue:		irq: 2
C: flagsset:		irq: 0
T: opcodeeq:		1: flagswaitall
T: flagseq:		0: 2
C: setvalue:		irq: 4
C: flagsset:		irq: 0
W: opcodeeq:		1: 6
T: flagseq:		0: 0
C: setvalue:		idle: 9
C: flagsset:		idle: 0
T: flagseq:		0: 9
C: setvalue:		idle: 1
C: flagsclear:		idle: 0
T: opcodeeq:		idle: 0
T: flagseq:		0: 8
# a flags wait that holds at once returns the value (and clears it); one that would wait: -201
C: setvalue:		idle: 8
C: flagswait:		idle: 0
T: opcodeeq:		idle: 8
T: flagseq:		0: 0
C: flagswait:		irq: 0
T: opcodeeq:		irq: -201
# --- queue: the ISR's send goes straight to a waiting receiver, or to the queue
C: qreceive:		2: 0
W: opcodeeq:		2: qreceive
C: setvalue:		irq: 42
C: qsend:		irq: 0
T: opcodeeq:		irq: 0
W: opcodeeq:		2: 42
C: qsend:		irq: 0
C: setvalue:		idle: 7
C: qsendurgent:		idle: 0
T: qcontentseq:		0: 7,42
# full (capacity 2): a send that would wait is refused; one with timeout 0 times out
C: qsend:		irq: 0
T: opcodeeq:		irq: -201
C: settimeout:		idle: 0
C: qsendtimeout:	idle: 0
T: opcodeeq:		idle: -110
C: qreceive:		idle: 0
T: opcodeeq:		idle: 7
C: qreceive:		irq: 0
T: opcodeeq:		irq: 42
T: qcounteq:		0: 0
C: qreceive:		irq: 0
T: opcodeeq:		irq: -201
C: settimeout:		irq: 0
C: qreceivetimeout:	irq: 0
T: opcodeeq:		irq: -110
# --- rt-mutex: neither context may lock or unlock (locktry's TryLock answers only yes or no: -16)
C: locknowait:		irq: 0
T: opcodeeq:		irq: -201
C: lock:		idle: 0
T: opcodeeq:		idle: -201
C: locktry:		idle: 0
T: opcodeeq:		idle: -16
C: locktry:		irq: 0
T: opcodeeq:		irq: -16
T: mutexownereq:	0: -1
C: unlock:		irq: 0
T: opcodeeq:		irq: -201
# the idle task's unlock reaches the kernel: a free mutex is -22, another owner's -1
C: unlock:		idle: 0
T: opcodeeq:		idle: -22
C: locknowait:		3: 0
W: locked:		3: 0
C: unlock:		idle: 0
T: opcodeeq:		idle: -1
T: mutexownereq:	0: 3
# no pause to continue, nothing to reset
C: lockcont:		irq: 0
T: opcodeeq:		irq: -22
C: reset:		idle: 0
T: opcodeeq:		idle: 0
C: nop:			irq: 0
T: opcodeeq:		irq: 0
