#
# The 4-level chain again, unwound by lock timeouts instead of signals (settimeout, locktimeout, tick).
#
#   T4 -> L3 -> T3 -> L2 -> T2 -> L1 -> T1 -> L0 -> T0
#
# Every waiter starts its timed lock at tick 0: T4 with 10 ticks, T3 with 20, T2 with 30, T1 with 40.
# Ticks 1..9: nothing changes.  Tick 10: T4 gets -ETIMEDOUT (-110) and the chain drops to 80;
# tick 20: T3 times out, chain at 75; tick 30: T2, chain at 70; tick 40: T1, T0 unboosted.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedother:		0: 	0
C: schedfifo:		1: 	70
C: schedfifo:		2: 	75
C: schedfifo:		3: 	80
C: schedfifo:		4: 	90
C: settimeout:		1: 	40
C: settimeout:		2: 	30
C: settimeout:		3: 	20
C: settimeout:		4: 	10

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1
C: locknowait:		2: 	2
W: locked:		2: 	2
C: locknowait:		3: 	3
W: locked:		3: 	3

C: locktimeout:		1: 	0
W: blocked:		1: 	0
C: locktimeout:		2: 	1
W: blocked:		2: 	1
C: locktimeout:		3: 	2
W: blocked:		3: 	2
C: locktimeout:		4: 	3
W: blocked:		4: 	3
T: opcodeeq:		4: 	locktimeout
T: prioeq:		0: 	90
T: prioeq:		1: 	90
T: prioeq:		2: 	90
T: prioeq:		3: 	90

C: tick:		0: 	9
T: blocked:		4: 	3
T: prioeq:		0: 	90

C: tick:		0: 	1
W: unlocked:		4: 	3
T: opcodeeq:		4: 	-110
T: prioeq:		0: 	80
T: prioeq:		1: 	80
T: prioeq:		2: 	80
T: prioeq:		3: 	80

C: tick:		0: 	10
W: unlocked:		3: 	2
T: opcodeeq:		3: 	-110
T: prioeq:		0: 	75
T: prioeq:		1: 	75
T: prioeq:		2: 	75

C: tick:		0: 	10
W: unlocked:		2: 	1
T: opcodeeq:		2: 	-110
T: prioeq:		0: 	70
T: prioeq:		1: 	70

C: tick:		0: 	10
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-110
T: prioeq:		0: 	-21

C: unlock:		3: 	3
C: unlock:		2: 	2
C: unlock:		1: 	1
C: unlock:		0: 	0
W: unlocked:		3: 	3
W: unlocked:		2: 	2
W: unlocked:		1: 	1
W: unlocked:		0: 	0
