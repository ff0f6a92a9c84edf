#
# Transitive priority inheritance through a 4-level chain, unwound by signals from the far end.
#
#   T4 -> L3 -> T3 -> L2 -> T2 -> L1 -> T1 -> L0 -> T0
#
# 1. T0 (normal) holds L0; T1 (70) holds L1 and waits on L0; T2 (75) holds L2 and waits on L1;
#    T3 (80) holds L3 and waits on L2; T4 (90) waits on L3: everybody in the chain runs at 90.
# 2. Signal T4: the whole chain drops to 80.  Signal T3: to 75.  Signal T2: to 70.
#    Signal T1: T0 is back to its normal priority.  Normal priorities never change.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedother:		0: 	0
C: schedfifo:		1: 	70
C: schedfifo:		2: 	75
C: schedfifo:		3: 	80
C: schedfifo:		4: 	90

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1
C: locknowait:		2: 	2
W: locked:		2: 	2
C: locknowait:		3: 	3
W: locked:		3: 	3

C: lockintnowait:	1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	70
C: lockintnowait:	2: 	1
W: blocked:		2: 	1
T: prioeq:		0: 	75
T: prioeq:		1: 	75
C: lockintnowait:	3: 	2
W: blocked:		3: 	2
T: prioeq:		0: 	80
T: prioeq:		1: 	80
T: prioeq:		2: 	80
C: lockintnowait:	4: 	3
W: blocked:		4: 	3
T: prioeq:		0: 	90
T: prioeq:		1: 	90
T: prioeq:		2: 	90
T: prioeq:		3: 	90
T: prioeq:		4: 	90
T: nprioeq:		0: 	-21
T: nprioeq:		1: 	70
T: nprioeq:		2: 	75
T: nprioeq:		3: 	80

C: signal:		4: 	0
W: unlocked:		4: 	3
T: opcodeeq:		4: 	-4
T: prioeq:		0: 	80
T: prioeq:		1: 	80
T: prioeq:		2: 	80
T: prioeq:		3: 	80

C: signal:		3: 	0
W: unlocked:		3: 	2
T: prioeq:		0: 	75
T: prioeq:		1: 	75
T: prioeq:		2: 	75
T: prioeq:		3: 	80

C: signal:		2: 	0
W: unlocked:		2: 	1
T: prioeq:		0: 	70
T: prioeq:		1: 	70
T: prioeq:		2: 	75

C: signal:		1: 	0
W: unlocked:		1: 	0
T: prioeq:		0: 	-21
T: priolt:		0: 	1

C: unlock:		3: 	3
C: unlock:		2: 	2
C: unlock:		1: 	1
C: unlock:		0: 	0
W: unlocked:		3: 	3
W: unlocked:		2: 	2
W: unlocked:		1: 	1
W: unlocked:		0: 	0
