# Destroying semaphores, queues, event flags and a free mutex (scenario-language.md §19): every
# waiter's call returns -200 (Destroyed), and so does every later call, a second destroy included.
# A destroy is made by any caller: a thread, the interrupt handler or the idle task.
C: resetevent:		0: 0
# --- semaphore with two waiters, destroyed by a thread
C: semtake:		0: 0
C: semtake:		1: 0
W: opcodeeq:		1: semtake
T: semwaiterseq:	0: 2
C: semdestroy:		2: 0
T: opcodeeq:		2: 0
W: opcodeeq:		0: -200
W: opcodeeq:		1: -200
T: semwaiterseq:	0: 0
C: semgive:		2: 0
T: opcodeeq:		2: -200
C: semtake:		2: 0
T: opcodeeq:		2: -200
C: semdestroy:		2: 0
T: opcodeeq:		2: -200
# --- queue with a waiting receiver, destroyed by the interrupt handler
C: qreceive:		0: 0
W: opcodeeq:		0: qreceive
C: qdestroy:		irq: 0
T: opcodeeq:		irq: 0
W: opcodeeq:		0: -200
T: qreceiverseq:	0: 0
C: qsend:		idle: 0
T: opcodeeq:		idle: -200
# --- a full queue with a waiting sender, destroyed by the idle task; its messages stay readable
C: setvalue:		1: 5
C: qsend:		1: 1
C: qsend:		1: 1
C: qsend:		1: 1
W: opcodeeq:		1: qsend
T: qsenderseq:		1: 1
C: qdestroy:		idle: 1
T: opcodeeq:		idle: 0
W: opcodeeq:		1: -200
T: qsenderseq:		1: 0
T: qcontentseq:		1: 5,5
C: qreceive:		2: 1
T: opcodeeq:		2: -200
C: qdestroy:		irq: 1
T: opcodeeq:		irq: -200
# --- event flags with a waiter
C: setvalue:		0: 1
C: flagswait:		0: 0
W: opcodeeq:		0: flagswait
T: flagswaiterseq:	0: 1
C: flagsdestroy:	3: 0
T: opcodeeq:		3: 0
W: opcodeeq:		0: -200
T: flagswaiterseq:	0: 0
C: flagsset:		3: 0
T: opcodeeq:		3: -200
C: flagsclear:		3: 0
T: opcodeeq:		3: -200
C: flagsdestroy:	3: 0
T: opcodeeq:		3: -200
# --- a free mutex: destroyed; every later lock, unlock and destroy returns -200
C: locknowait:		4: 0
W: locked:		4: 0
C: unlock:		4: 0
W: unlocked:		4: 0
C: mutexdestroy:	4: 0
T: opcodeeq:		4: 0
T: unlocked:		4: 0
T: mutexownereq:	0: -1
C: locknowait:		4: 0
W: opcodeeq:		4: -200
T: unlocked:		4: 0
# (locktry's TryLock answers only yes or no: a destroyed mutex reads as taken, -16)
C: locktry:		5: 0
T: opcodeeq:		5: -16
C: mutexdestroy:	idle: 0
T: opcodeeq:		idle: -200
C: mutexdestroy:	irq: 0
T: opcodeeq:		irq: -200
