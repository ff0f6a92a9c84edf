#
# A waiter queued behind a pending owner cannot steal from it: the pending owner inherits the
# waiter's priority, so the waiter is never strictly more urgent.
#
# 1. T0 holds L0; T1 (80) waits with "lock", T2 (70) with "lockint" behind it.
# 2. T0 unlocks: T1 pending owner, paused. T2 is signalled: it pauses too, still queued.
# 3. T2 is raised to 90 while queued: the pending owner T1 is boosted to 90 through it.
# 4. lockcont T2: it retries, cannot steal (90 is not more urgent than 90), sees the signal,
#    returns -EINTR; T1 drops back to 80 and then completes its take.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	70

C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
C: lockint:		2: 	0
W: blocked:		2: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: signal:		2: 	0
W: blockedwake:		2: 	0
T: prioeq:		1: 	80

C: schedfifo:		2: 	90
T: prioeq:		2: 	90
T: prioeq:		1: 	90

C: lockcont:		2: 	0
W: unlocked:		2: 	0
T: opcodeeq:		2: 	-4
T: prioeq:		1: 	80

C: lockcont:		1: 	0
W: locked:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0
