#
# An ABBA cycle closed WITHOUT detection by a more urgent task: the boost it gives must still be
# carried by every waiter's priority (spec section 13), even though the chain walk runs into
# the cycle. (Found by the scenario fuzzer; the walk used to stop at the cycle point before
# re-queueing the waiter, leaving its priority stale.)
#
# 1. T0 (25) locks L1; T1 (normal) locks L0 and waits on L1 ("lock": no boost, T1 is less urgent).
# 2. T0 waits on L0 without detection: T0 -> L0 -> T1 -> L1 -> T0 is a cycle. T1 inherits 25
#    through L0, and its waiter on L1 must carry 25 too.
# 3. Signal T0: it leaves L0 with -EINTR, T1 drops back to normal; unwind.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		0: 	25
C: locknowait:		1: 	0
W: locked:		1: 	0
C: locknowait:		0: 	1
W: locked:		0: 	1
C: lock:		1: 	1
W: blocked:		1: 	1
T: prioeq:		0: 	25
C: lockintnowait:	0: 	0
W: blocked:		0: 	0
T: prioeq:		1: 	25
C: nop:			2: 	0
C: signal:		0: 	0
W: unlocked:		0: 	0
T: opcodeeq:		0: 	-4
T: prioeq:		1: 	-21
C: unlock:		0: 	1
W: blockedwake:		1: 	1
C: lockcont:		1: 	1
W: locked:		1: 	1
C: unlock:		1: 	1
C: unlock:		1: 	0
W: unlocked:		1: 	1
W: unlocked:		1: 	0
