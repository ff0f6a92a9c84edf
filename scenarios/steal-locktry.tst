#
# Trylock follows the same stealing rule as lock (spec section 6).
#
# 1. T0 holds L0: T1 (85) locktry fails with -EBUSY (-16) -- a real owner is never robbed.
# 2. T2 (80) waits with "lock"; T0 unlocks -> T2 pending owner, paused.
# 3. T1 (85) locktry succeeds: it steals L0 from the pending owner.
# 4. T2 continues, finds L0 stolen and queues; T1 unlocks -> T2 pending -> lockcont -> owns.
# 5. locktry of a free mutex succeeds.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	85
C: schedfifo:		2: 	80

C: locknowait:		0: 	0
W: locked:		0: 	0
C: locktry:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-16

C: lock:		2: 	0
W: blocked:		2: 	0
C: unlock:		0: 	0
W: blockedwake:		2: 	0

C: locktry:		1: 	0
W: locked:		1: 	0
T: opcodeeq:		1: 	0
T: blockedwake:		2: 	0

C: lockcont:		2: 	0
W: blocked:		2: 	0
C: unlock:		1: 	0
W: blockedwake:		2: 	0
C: lockcont:		2: 	0
W: locked:		2: 	0
C: unlock:		2: 	0
W: unlocked:		2: 	0

C: locktry:		1: 	1
W: locked:		1: 	1
T: opcodeeq:		1: 	0
C: unlock:		1: 	1
W: unlocked:		1: 	1
