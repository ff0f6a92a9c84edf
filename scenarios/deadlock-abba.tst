#
# Deadlock detection (lockdd = interruptible lock with detection): an ABBA cycle and self-locks
# are refused with -EDEADLK (-35) instead of hanging; nothing else changes.
#
# 1. T0 (80) holds L0, T1 (80) holds L1.   2. T0 lockdd L1: blocks (no cycle yet).
# 3. T1 lockdd L0 would close the cycle: -35 at once, T1 still owns L1, T0 still waits.
# 4. Self-locks: T1 lockdd L1 and T1 lock L1 (uninterruptible) are -35 too; L1 stays owned.
# 5. T1 unlocks L1: T0 gets it. Everything is unlocked.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		0: 	80
C: schedfifo:		1: 	80

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locknowait:		1: 	1
W: locked:		1: 	1

C: lockdd:		0: 	1
W: blocked:		0: 	1

C: lockdd:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-35
T: locked:		1: 	1
T: blocked:		0: 	1

C: lockdd:		1: 	1
W: opcodeeq:		1: 	-35
T: locked:		1: 	1
C: lock:		1: 	1
W: opcodeeq:		1: 	-35
T: locked:		1: 	1

C: unlock:		1: 	1
W: locked:		0: 	1
T: opcodeeq:		0: 	0
C: unlock:		0: 	1
C: unlock:		0: 	0
W: unlocked:		0: 	1
W: unlocked:		0: 	0
