#
# Equal (or lower) priority cannot steal from a pending owner: it queues behind.
#
# 1. T0 holds L0; T1 (80) waits with "lock"; T0 unlocks -> T1 pending owner, paused.
# 2. T2 (80) locknowait: no steal, it blocks.   3. T3 (80) and T4 (79) locktry: -EBUSY.
# 4. lockcont: T1 completes its take; T2 still waits. T1 unlocks -> T2 owns L0.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	80
C: schedfifo:		3: 	80
C: schedfifo:		4: 	79

C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0

C: locknowait:		2: 	0
W: blocked:		2: 	0
T: prioeq:		1: 	80

C: locktry:		3: 	0
W: unlocked:		3: 	0
T: opcodeeq:		3: 	-16
C: locktry:		4: 	0
W: unlocked:		4: 	0
T: opcodeeq:		4: 	-16

C: lockcont:		1: 	0
W: locked:		1: 	0
T: blocked:		2: 	0
C: unlock:		1: 	0
W: locked:		2: 	0
C: unlock:		2: 	0
W: unlocked:		2: 	0
