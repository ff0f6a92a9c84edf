#
# The owner's boost tracks the TOP waiter of its mutex, whoever comes and goes.
#
# 1. T0 (normal) holds L0.
# 2. T1 (80) blocks: T0 -> 80.   3. T2 (85) blocks: T0 -> 85.   4. T3 (82) blocks: T0 stays 85.
# 5. T2 is signalled out of its wait: T0 -> 82 (the next waiter, not its normal priority).
# 6. T3 is signalled out: T0 -> 80.   7. T0 unlocks: T1 owns L0, T0 unboosted.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedother:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	85
C: schedfifo:		3: 	82

C: locknowait:		0: 	0
W: locked:		0: 	0

C: lockintnowait:	1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80

C: lockintnowait:	2: 	0
W: blocked:		2: 	0
T: prioeq:		0: 	85

C: lockintnowait:	3: 	0
W: blocked:		3: 	0
T: prioeq:		0: 	85
T: priogt:		0: 	82

C: signal:		2: 	0
W: unlocked:		2: 	0
T: opcodeeq:		2: 	-4
T: prioeq:		0: 	82

C: signal:		3: 	0
W: unlocked:		3: 	0
T: opcodeeq:		3: 	-4
T: prioeq:		0: 	80

C: unlock:		0: 	0
W: locked:		1: 	0
W: unlocked:		0: 	0
T: prioeq:		0: 	-21
T: prioeq:		1: 	80

C: unlock:		1: 	0
W: unlocked:		1: 	0
