#
# A 3-task cycle T0 -> L1 -> T1 -> L2 -> T2 -> L0 -> T0, refused with -EDEADLK by lockdd,
# also when the closing waiter is not the top waiter of its mutex (detection walks anyway).
#
# 1. T0 (80) holds L0, T1 (81) holds L1, T2 (82) holds L2.
# 2. T0 lockdd L1, T1 lockdd L2: both block; T1 inherits nothing (T0 is less urgent).
# 3. T3 (90) queues on L0: T0, T1 and T2 all run at 90 through the chain.
# 4. T2 lockdd L0 would close the cycle (behind T3 in L0's wait list): -35, nothing changes.
# 5. Unwind: T3 is signalled away, T2, T1, T0 release in turn.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		0: 	80
C: schedfifo:		1: 	81
C: schedfifo:		2: 	82
C: schedfifo:		3: 	90

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1
C: locknowait:		2: 	2
W: locked:		2: 	2

C: lockdd:		0: 	1
W: blocked:		0: 	1
C: lockdd:		1: 	2
W: blocked:		1: 	2
T: prioeq:		1: 	81
T: prioeq:		2: 	82

C: lockintnowait:	3: 	0
W: blocked:		3: 	0
T: prioeq:		0: 	90
T: prioeq:		1: 	90
T: prioeq:		2: 	90

C: lockdd:		2: 	0
W: opcodeeq:		2: 	-35
T: unlocked:		2: 	0
T: locked:		2: 	2
T: prioeq:		2: 	90
T: blocked:		3: 	0

C: signal:		3: 	0
W: unlocked:		3: 	0
T: prioeq:		0: 	80
T: prioeq:		1: 	81
T: prioeq:		2: 	82

C: unlock:		2: 	2
W: locked:		1: 	2
C: unlock:		1: 	2
C: unlock:		1: 	1
W: locked:		0: 	1
C: unlock:		0: 	1
C: unlock:		0: 	0
W: unlocked:		0: 	0
W: unlocked:		0: 	1
W: unlocked:		1: 	1
W: unlocked:		1: 	2
