#
# A priority change re-queues a waiter at the TAIL of its new priority group (spec section 2),
# even when it comes back to the priority it had; an unchanged priority keeps its place.
#
# 1. T0 holds L0; T1, T2, T3 (all 80) wait in that order.
# 2. schedfifo T1 80 again (no change): T1 keeps its place.
# 3. T1 to 81 (it becomes top, T0 boosted to 81) and back to 80: T1 is now behind T2 and T3.
# 4. Unlocks hand L0 to T2, then T3, then T1. A waiter that is not the top one is signalled
#    away in between without changing anybody's priority.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	80
C: schedfifo:		3: 	80
C: schedfifo:		4: 	70

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	0
W: blocked:		1: 	0
C: locknowait:		2: 	0
W: blocked:		2: 	0
C: locknowait:		3: 	0
W: blocked:		3: 	0
C: lockintnowait:	4: 	0
W: blocked:		4: 	0

C: schedfifo:		1: 	80
C: schedfifo:		1: 	81
T: prioeq:		0: 	81
C: schedfifo:		1: 	80
T: prioeq:		0: 	80

C: signal:		4: 	0
W: unlocked:		4: 	0
T: opcodeeq:		4: 	-4
T: prioeq:		0: 	80

C: unlock:		0: 	0
W: locked:		2: 	0
T: blocked:		1: 	0
T: blocked:		3: 	0
C: unlock:		2: 	0
W: locked:		3: 	0
T: blocked:		1: 	0
C: unlock:		3: 	0
W: locked:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0
