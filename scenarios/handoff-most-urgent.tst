#
# Unlock hands the mutex to the MOST URGENT waiter, not the oldest.
#
# 1. T0 (normal) holds L0.   2. T1 (70) blocks first, then T2 (75), then T3 (72).
# 3. T0 unlocks: T2 gets L0 although T1 waited longest; T2 is boosted by nobody
#    (T1 and T3 are less urgent), and T3 is ahead of T1 for the next hand-off.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	70
C: schedfifo:		2: 	75
C: schedfifo:		3: 	72

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	0
W: blocked:		1: 	0
C: locknowait:		2: 	0
W: blocked:		2: 	0
C: locknowait:		3: 	0
W: blocked:		3: 	0
T: prioeq:		0: 	75

C: unlock:		0: 	0
W: locked:		2: 	0
T: blocked:		1: 	0
T: blocked:		3: 	0
T: prioeq:		2: 	75

C: unlock:		2: 	0
W: locked:		3: 	0
T: blocked:		1: 	0

C: unlock:		3: 	0
W: locked:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0
