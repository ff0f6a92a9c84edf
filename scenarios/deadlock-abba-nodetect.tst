#
# Without deadlock detection (lockintnowait) an ABBA cycle is allowed to form, as in Linux;
# signals break it. The kernel must stay consistent (invariants are checked after every step).
#
# 1. T0 (80) holds L0, T1 (80) holds L1.  2. T0 waits on L1, T1 waits on L0: deadlock.
# 3. Signal T1: it leaves L0's wait list with -EINTR.  4. Signal T0: same for L1.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		0: 	80
C: schedfifo:		1: 	80

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1

C: lockintnowait:	0: 	1
W: blocked:		0: 	1
C: lockintnowait:	1: 	0
W: blocked:		1: 	0

C: signal:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-4
C: signal:		0: 	0
W: unlocked:		0: 	1
T: opcodeeq:		0: 	-4

C: unlock:		0: 	0
W: unlocked:		0: 	0
C: unlock:		1: 	1
W: unlocked:		1: 	1
