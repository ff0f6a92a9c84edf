#
# Timed locks: settimeout, locktimeout, tick.
#
# 1. T0 holds L0; T1 (80) locktimeout with 5 ticks: blocked through tick 4, -ETIMEDOUT (-110)
#    at tick 5, and T0 is deboosted.
# 2. Again, but T0 unlocks at tick 2: T1 gets L0 (0) and the timeout no longer fires.
# 3. settimeout 0 on a held mutex: -110 at once.  4. locktimeout of a free mutex: 0.
# 5. A timed lock is interruptible: a signal ends it with -EINTR.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: locknowait:		0: 	0
W: locked:		0: 	0

C: settimeout:		1: 	5
T: opcodeeq:		1: 	0
C: locktimeout:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
C: tick:		0: 	4
T: blocked:		1: 	0
C: tick:		0: 	1
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-110
T: prioeq:		0: 	-21

C: locktimeout:		1: 	0
W: blocked:		1: 	0
C: tick:		0: 	2
C: unlock:		0: 	0
W: locked:		1: 	0
T: opcodeeq:		1: 	0
C: tick:		0: 	10
T: locked:		1: 	0
T: opcodeeq:		1: 	0

C: settimeout:		0: 	0
C: locktimeout:		0: 	0
W: opcodeeq:		0: 	-110
T: unlocked:		0: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0

C: locktimeout:		0: 	0
W: locked:		0: 	0
T: opcodeeq:		0: 	0

C: settimeout:		1: 	100
C: locktimeout:		1: 	0
W: blocked:		1: 	0
C: signal:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-4
C: unlock:		0: 	0
W: unlocked:		0: 	0
