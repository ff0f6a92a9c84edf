# Destroying an rt-mutex that is in use (scenario-language.md §19): O shows what RtMutex.Destroy
# returns. Today (rtmutex.md) that is -16 (Busy) while the mutex is owned or has waiters, and
# nothing changes: the waiter stays queued, the owner keeps it and its boost. Once free, it is
# destroyed (0), and a destroy by the idle task of another free mutex works too.
C: resetevent:		0: 0
C: locknowait:		0: 0
W: locked:		0: 0
# owned, no waiters
C: mutexdestroy:	1: 0
T: opcodeeq:		1: -16
T: mutexownereq:	0: 0
# owned, with a waiter at SCHED_FIFO 80 that boosts the owner
C: schedfifo:		2: 80
C: locknowait:		2: 0
W: blocked:		2: 0
T: prioeq:		0: 80
C: mutexdestroy:	1: 0
T: opcodeeq:		1: -16
T: blocked:		2: 0
T: mutexwaiterseq:	0: 1
T: prioeq:		0: 80
# the owner's own destroy is refused the same way
C: mutexdestroy:	0: 0
T: opcodeeq:		0: -16
T: locked:		0: 0
C: unlock:		0: 0
W: locked:		2: 0
T: prioeq:		0: -21
C: unlock:		2: 0
W: unlocked:		2: 0
C: mutexdestroy:	1: 0
T: opcodeeq:		1: 0
C: locknowait:		2: 0
W: opcodeeq:		2: -200
C: mutexdestroy:	idle: 1
T: opcodeeq:		idle: 0
