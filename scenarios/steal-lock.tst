#
# Lock stealing with "lock": a strictly more urgent task takes the mutex from a pending owner.
#
# Round A: T0 holds L0; T1 (80) waits with "lock"; T0 unlocks -> T1 pending owner, paused.
#   T2 (85) locks L0 and gets it at once (steal). T1 continues, finds L0 stolen and queues
#   again (blocked). T2 unlocks -> T1 pending again -> lockcont -> T1 owns L0.
# Round B (the top waiter's boost moves to the stealer): T0 holds L0; T1 (80) waits with "lock",
#   T3 (75) with "locknowait". T0 unlocks -> T1 pending, paused (T3 still queued). T2 (85) steals;
#   T2 drops to normal priority and is now boosted by T3 (75): the pi entry moved from T1 to T2.
#   T1 continues and queues as top waiter -> T2 boosted to 80. T2 unlocks -> T1 pending ->
#   lockcont -> T1 owns L0 (T3 still waits); T1 unlocks -> T3 owns L0.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	85
C: schedfifo:		3: 	75

# Round A
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: lock:		2: 	0
W: locked:		2: 	0
T: blockedwake:		1: 	0
C: lockcont:		1: 	0
W: blocked:		1: 	0
T: opcodeeq:		1: 	lock
T: prioeq:		2: 	85
C: unlock:		2: 	0
W: blockedwake:		1: 	0
C: lockcont:		1: 	0
W: locked:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0

# Round B
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lock:		1: 	0
W: blocked:		1: 	0
C: locknowait:		3: 	0
W: blocked:		3: 	0
T: prioeq:		0: 	80
C: unlock:		0: 	0
W: blockedwake:		1: 	0
T: prioeq:		1: 	80
C: locknowait:		2: 	0
W: locked:		2: 	0
C: schedother:		2: 	0
T: prioeq:		2: 	75
T: prioeq:		1: 	80
C: lockcont:		1: 	0
W: blocked:		1: 	0
T: prioeq:		2: 	80
C: unlock:		2: 	0
W: unlocked:		2: 	0
T: prioeq:		2: 	-21
W: blockedwake:		1: 	0
T: prioeq:		1: 	80
C: lockcont:		1: 	0
W: locked:		1: 	0
T: blocked:		3: 	0
C: unlock:		1: 	0
W: locked:		3: 	0
C: unlock:		3: 	0
W: unlocked:		3: 	0
