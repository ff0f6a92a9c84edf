# Destroying an rt-mutex that is in use (scenario-language.md §19, rtmutex.md §16), as the other
# primitives' destroy: the waiter's lock call ends with -200 (Destroyed), the owner stops owning the
# mutex at once and loses the boost it inherited through it, and its later unlock returns -200 too.
C: resetevent:		0: 0
C: locknowait:		0: 0
W: locked:		0: 0
# owned, with a waiter at SCHED_FIFO 80 that boosts the owner
C: schedfifo:		2: 80
C: locknowait:		2: 0
W: blocked:		2: 0
T: prioeq:		0: 80
T: mutexwaiterseq:	0: 1
T: mutexownereq:	0: 0
# a third thread destroys it: the waiter wakes with Destroyed, the owner is deboosted
C: mutexdestroy:	1: 0
T: opcodeeq:		1: 0
W: opcodeeq:		2: -200
T: mutexwaiterseq:	0: 0
T: prioeq:		0: -21
# the former owner learns of it from its unlock; a second destroy and a new lock say Destroyed
C: unlock:		0: 0
W: opcodeeq:		0: -200
C: mutexdestroy:	0: 0
T: opcodeeq:		0: -200
C: locknowait:		2: 0
W: opcodeeq:		2: -200
# the idle task destroys another, free mutex
C: mutexdestroy:	idle: 1
T: opcodeeq:		idle: 0
