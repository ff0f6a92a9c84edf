#
# A pending owner (handed the mutex by unlock, not yet running to take it) is boosted by new
# waiters of that mutex, directly or through another mutex it owns (spec section 14: the seed
# design's known weak spot, on purpose). The pause after wake-up (lock + lockcont) holds the
# pending owner in that state.
#
# Round A:  T0 holds L0; T1 (80) waits with "lock"; T0 unlocks -> T1 pending owner, paused.
#           T2 (70) cannot steal (less urgent) and queues. T1 drops to normal priority by
#           schedother, and is boosted to 70 by T2 although it does not own L0 yet.
# Round B:  T1 (80) owns L1 and waits on L0 (owned by T0); T3 (90) waits on L1 -> T1 and T0 at 90.
#           T0 unlocks L0 -> T1 pending owner of L0, paused, still 90 through L1. T2 (85) cannot
#           steal (T1's effective 90 is more urgent) and queues on L0. T3 is signalled away: T1
#           falls to 85 -- inherited from T2, a waiter of the mutex T1 only pending-owns.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	70

# Round A
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
C: unlock:		0: 	0
W: blockedwake:		1: 	0
T: opcodeeq:		1: 	0
T: prioeq:		0: 	-21
C: locknowait:		2: 	0
W: blocked:		2: 	0
T: prioeq:		1: 	80
C: schedother:		1: 	0
T: nprioeq:		1: 	-21
T: prioeq:		1: 	70
C: lockcont:		1: 	0
W: locked:		1: 	0
T: opcodeeq:		1: 	0
T: prioeq:		1: 	70
C: unlock:		1: 	0
W: locked:		2: 	0
T: prioeq:		1: 	-21
C: unlock:		2: 	0
W: unlocked:		2: 	0

# Round B
C: schedfifo:		1: 	80
C: schedfifo:		2: 	85
C: schedfifo:		3: 	90
C: locknowait:		1: 	1
W: locked:		1: 	1
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
C: lockintnowait:	3: 	1
W: blocked:		3: 	1
T: prioeq:		1: 	90
T: prioeq:		0: 	90
C: unlock:		0: 	0
W: blockedwake:		1: 	0
T: prioeq:		0: 	-21
T: prioeq:		1: 	90
C: locknowait:		2: 	0
W: blocked:		2: 	0
T: prioeq:		1: 	90
C: signal:		3: 	0
W: unlocked:		3: 	1
T: opcodeeq:		3: 	-4
T: prioeq:		1: 	85
T: nprioeq:		1: 	80
C: lockcont:		1: 	0
W: locked:		1: 	0
T: prioeq:		1: 	85
C: unlock:		1: 	0
W: locked:		2: 	0
T: prioeq:		1: 	80
C: unlock:		1: 	1
W: unlocked:		1: 	1
C: unlock:		2: 	0
W: unlocked:		2: 	0
