#
# One-level priority inheritance (the example of scenario-language.md).
#
# 1. T0 (normal, P -21) locks L0.
# 2. T1 (SCHED_FIFO 80) blocks on L0: T0 is boosted to P 80.
# 3. T0 unlocks: T1 (no pause) takes L0, T0 drops back below 1.
#
# Op: C(ommand)/T(est)/W(ait)
# |  opcode
# |  |			thread
# |  |			|	argument
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedother:		0: 	0
C: schedfifo:		1: 	80

C: locknowait:		0: 	0
W: locked:		0: 	0

C: locknowait:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
T: nprioeq:		0: 	-21

C: unlock:		0: 	0
W: locked:		1: 	0
T: priolt:		0: 	1

C: unlock:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	0
