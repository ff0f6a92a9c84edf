#
# Waiters of equal priority are served FIFO.
#
# 1. T0 (normal) holds L0.   2. T1, T2, T3 (all SCHED_FIFO 80) block, in that order.
# 3. Each unlock hands L0 to the OLDEST equal waiter: T1, then T2, then T3.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	80
C: schedfifo:		3: 	80

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	0
W: blocked:		1: 	0
C: locknowait:		2: 	0
W: blocked:		2: 	0
C: locknowait:		3: 	0
W: blocked:		3: 	0
T: prioeq:		0: 	80

C: unlock:		0: 	0
W: locked:		1: 	0
T: blocked:		2: 	0
T: blocked:		3: 	0
T: prioeq:		0: 	-21

C: unlock:		1: 	0
W: locked:		2: 	0
T: unlocked:		1: 	0
T: blocked:		3: 	0

C: unlock:		2: 	0
W: locked:		3: 	0
T: unlocked:		2: 	0

C: unlock:		3: 	0
W: unlocked:		3: 	0
