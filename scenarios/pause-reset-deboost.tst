#
# "reset" in the pause releases the thread's mutexes while its waiter is still queued on the
# mutex it paused on (a signalled waiter leaves the wait list only when it retries). The boost it
# loses must propagate down its own wait chain. (Found by the scenario fuzzer: the unlocker was
# deboosted, but its queued waiter kept the old priority and its mutex's owner stayed boosted.)
#
# 1. T1 (normal) owns L0, T3 (normal) owns L1; T2 (52) waits on L0 -> T1 at 52.
# 2. T1 waits on L1 with "lockint" -> T3 at 52. Signal T1: it pauses, still queued on L1.
# 3. reset T1: L0 goes to T2 (pending, paused); T1 back to normal, and so must T3 be.
# 4. lockcont T1: -EINTR. lockcont T2: it owns L0. Unwind.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		2: 	52
C: locknowait:		1: 	0
W: locked:		1: 	0
C: locknowait:		3: 	1
W: locked:		3: 	1
C: lock:		2: 	0
W: blocked:		2: 	0
T: prioeq:		1: 	52
C: lockint:		1: 	1
W: blocked:		1: 	1
T: prioeq:		3: 	52
C: signal:		1: 	0
W: blockedwake:		1: 	1
T: prioeq:		3: 	52

C: reset:		1: 	0
W: unlocked:		1: 	0
W: blockedwake:		2: 	0
T: prioeq:		1: 	-21
T: prioeq:		3: 	-21

C: lockcont:		1: 	1
W: unlocked:		1: 	1
T: opcodeeq:		1: 	-4
C: lockcont:		2: 	0
W: locked:		2: 	0
C: unlock:		2: 	0
C: unlock:		3: 	1
W: unlocked:		2: 	0
W: unlocked:		3: 	1
