# Event flags F0 and priority inheritance (scenario-language.md §16). T0 (normal, holds L0) and
# T2 (SCHED_FIFO 50) both wait for flag 1 with clear on exit. T1 (SCHED_FIFO 80) blocks on L0:
# T0 inherits 80 and is served first, so it consumes flag 1 and T2 keeps waiting (waiters are
# satisfied in priority order). A flags wait's O is the value it observed.
C: resetevent:		0: 0
C: schedfifo:		1: 80
C: schedfifo:		2: 50
C: locknowait:		0: 0
W: locked:		0: 0
C: setvalue:		0: 1
C: flagswait:		0: 0
C: setvalue:		2: 1
C: flagswait:		2: 0
W: opcodeeq:		0: flagswait
W: opcodeeq:		2: flagswait
C: locknowait:		1: 0
W: blocked:		1: 0
T: prioeq:		0: 80
C: setvalue:		3: 1
C: flagsset:		3: 0
W: opcodeeq:		0: 1
T: opcodeeq:		2: flagswait
# flags 1 and 2: T2 (any of 1) is satisfied and observes 3; it clears flag 1, flag 2 stays
C: setvalue:		3: 3
C: flagsset:		3: 0
W: opcodeeq:		2: 3
# wait for all of 2 and 4: flag 2 is still set, 4 is not
C: setvalue:		2: 6
C: flagswaitall:	2: 0
W: opcodeeq:		2: flagswaitall
C: setvalue:		3: 4
C: flagsset:		3: 0
W: opcodeeq:		2: 6
C: unlock:		0: 0
W: locked:		1: 0
T: prioeq:		0: -21
# flagsclear: flag 2 is still set; clear it, and a wait for it waits (until signalled)
C: setvalue:		3: 2
C: flagsclear:		3: 0
T: opcodeeq:		3: 0
C: setvalue:		2: 2
C: flagswait:		2: 0
W: opcodeeq:		2: flagswait
C: signal:		2: 0
W: opcodeeq:		2: -4
