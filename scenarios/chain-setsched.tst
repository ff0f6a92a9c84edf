#
# Priority changes (schedfifo / schedother) of tasks in the middle and at the ends of a chain.
# PI never changes a normal priority; a priority change keeps an existing boost and propagates.
#
#   T3 -> L2 -> T2 -> L1 -> T1 -> L0 -> T0          T1 = 81, T2 = 82, T3 = 83, T0 normal
#
#  1. Chain built: everybody at 83.
#  2. T2 (middle) to 90: T2, T1, T0 at 90; T3 stays 83.
#  3. T2 to 60: T2 keeps 83 (boosted by T3), N 60; T1 and T0 back to 83.
#  4. T1 to 95: T1 and T0 at 95.     5. T1 to normal: T1 keeps 83 (boost from T2), T0 83.
#  6. T0 to 99: only T0 changes.     7. T0 back to normal: T0 at 83 again (still boosted).
#  8. Signal T3: T2 falls to its normal 60, and so do T1 and T0 (they inherit 60).
#  9. Signal T2: T1 and T0 at -21.   10. Signal T1, unlock everything.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedother:		0: 	0
C: schedfifo:		1: 	81
C: schedfifo:		2: 	82
C: schedfifo:		3: 	83

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1
C: locknowait:		2: 	2
W: locked:		2: 	2
C: lockintnowait:	1: 	0
W: blocked:		1: 	0
C: lockintnowait:	2: 	1
W: blocked:		2: 	1
C: lockintnowait:	3: 	2
W: blocked:		3: 	2
T: prioeq:		0: 	83
T: prioeq:		1: 	83
T: prioeq:		2: 	83

# 2. middle up
C: schedfifo:		2: 	90
T: prioeq:		2: 	90
T: prioeq:		1: 	90
T: prioeq:		0: 	90
T: prioeq:		3: 	83

# 3. middle down below its waiter
C: schedfifo:		2: 	60
T: nprioeq:		2: 	60
T: prioeq:		2: 	83
T: prioeq:		1: 	83
T: prioeq:		0: 	83

# 4. T1 up
C: schedfifo:		1: 	95
T: prioeq:		1: 	95
T: prioeq:		0: 	95
T: prioeq:		2: 	83

# 5. T1 to normal: keeps the inherited 83
C: schedother:		1: 	0
T: nprioeq:		1: 	-21
T: npriolt:		1: 	0
T: prioeq:		1: 	83
T: prioeq:		0: 	83

# 6. / 7. the end owner itself
C: schedfifo:		0: 	99
T: prioeq:		0: 	99
T: nprioeq:		0: 	99
T: prioeq:		1: 	83
C: schedother:		0: 	0
T: prioeq:		0: 	83
T: npriogt:		0: 	-22

# 8. signal the far end
C: signal:		3: 	0
W: unlocked:		3: 	2
T: prioeq:		2: 	60
T: prioeq:		1: 	60
T: prioeq:		0: 	60

# 9.
C: signal:		2: 	0
W: unlocked:		2: 	1
T: prioeq:		1: 	-21
T: prioeq:		0: 	-21

# 10.
C: signal:		1: 	0
W: unlocked:		1: 	0
T: prioeq:		0: 	-21
C: unlock:		2: 	2
C: unlock:		1: 	1
C: unlock:		0: 	0
W: unlocked:		2: 	2
W: unlocked:		1: 	1
W: unlocked:		0: 	0
