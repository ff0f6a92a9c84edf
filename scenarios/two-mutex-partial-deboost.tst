#
# An owner of two contended mutexes, released in either order: each unlock drops only the
# boost that mutex gave (partial deboost), down to the normal priority after the last.
#
# Round A: T0 holds L0 and L1; T1 (80) waits on L0, T2 (85) on L1 -> T0 at 85.
#   unlock L1 -> T0 at 80 (still boosted by T1 through L0); unlock L0 -> T0 at -21.
# Round B: same set-up, released L0 first -> T0 stays 85; unlock L1 -> -21.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	85

# Round A
C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		0: 	1
W: locked:		0: 	1
C: locknowait:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
C: locknowait:		2: 	1
W: blocked:		2: 	1
T: prioeq:		0: 	85

C: unlock:		0: 	1
W: locked:		2: 	1
T: prioeq:		0: 	80
C: unlock:		0: 	0
W: locked:		1: 	0
T: prioeq:		0: 	-21
C: unlock:		1: 	0
W: unlocked:		1: 	0
C: unlock:		2: 	1
W: unlocked:		2: 	1

# Round B
C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		0: 	1
W: locked:		0: 	1
C: locknowait:		1: 	0
W: blocked:		1: 	0
C: locknowait:		2: 	1
W: blocked:		2: 	1
T: prioeq:		0: 	85

C: unlock:		0: 	0
W: locked:		1: 	0
T: prioeq:		0: 	85
C: unlock:		0: 	1
W: locked:		2: 	1
T: prioeq:		0: 	-21
T: nprioeq:		0: 	-21

C: unlock:		1: 	0
W: unlocked:		1: 	0
C: unlock:		2: 	1
W: unlocked:		2: 	1
