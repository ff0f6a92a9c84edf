# Counting semaphore S0 and priority inheritance (scenario-language.md §16).
# T0 (normal) holds L0 and waits on S0; T2 (SCHED_FIFO 50) waits on S0 after it, but ahead of it
# (more urgent). T1 (SCHED_FIFO 80) blocks on L0: T0 inherits 80 while it waits on S0 and moves
# ahead of T2 in S0's wait list, so the next semgive goes to T0, not T2.
C: resetevent:		0: 0
C: schedfifo:		1: 80
C: schedfifo:		2: 50
C: locknowait:		0: 0
W: locked:		0: 0
C: semtake:		0: 0
W: opcodeeq:		0: semtake
C: semtake:		2: 0
W: opcodeeq:		2: semtake
C: locknowait:		1: 0
W: blocked:		1: 0
T: prioeq:		0: 80
T: prioeq:		2: 50
# T3 (normal) gives one unit: it goes to the boosted T0
C: semgive:		3: 0
W: opcodeeq:		0: 0
T: opcodeeq:		2: semtake
T: opcodeeq:		3: 0
T: prioeq:		0: 80
# T0 unlocks L0: T1 owns it, T0 is back at its normal priority; the next unit goes to T2
C: unlock:		0: 0
W: locked:		1: 0
T: prioeq:		0: -21
C: semgive:		3: 0
W: opcodeeq:		2: 0
C: unlock:		1: 0
W: unlocked:		1: 0
