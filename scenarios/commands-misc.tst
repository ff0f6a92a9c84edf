#
# Every remaining command and test form: opcodes by number, case-insensitive names, nop,
# lockbkl/unlockbkl (accepted, ignored), unlock of a mutex not held (-EINVAL), lockcont outside
# the pause (-EINVAL), what the pause accepts and rejects, reset (in and out of the pause),
# resetevent, and the event counter with eventeq / eventlt / eventgt, opcodelt / opcodegt.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
T: eventeq:		0: 	0

# commands by number: 2 = schedfifo, 4 = locknowait, 8 = unlock
C: 2:			1: 	80
T: prioeq:		1: 	80
C: 4:			1: 	5
W: locked:		1: 	5
T: opcodeeq:		1: 	0
C: 8:			1: 	5
W: unlocked:		1: 	5

# names are case-insensitive, fields are trimmed
c:   LockNoWait  :	0	:   0
w: LOCKED: 0: 0
T: OpcodeEQ: 0: NOP

# nop, lockbkl, unlockbkl
C: nop:			0: 	0
T: opcodeeq:		0: 	0
C: lockbkl:		0: 	0
T: opcodeeq:		0: 	0
C: unlockbkl:		0: 	0
T: opcodeeq:		0: 	0

# misuse: unlock a mutex not held, lockcont outside the pause
C: unlock:		2: 	0
W: opcodeeq:		2: 	-22
T: opcodelt:		2: 	0
C: lockcont:		2: 	0
W: opcodeeq:		2: 	-22

# events: counter reset, T0 then T2 lock (each call: start + return)
C: resetevent:		2: 	0
C: locknowait:		0: 	1
W: locked:		0: 	1
T: eventeq:		0: 	2
C: locknowait:		2: 	2
W: locked:		2: 	2
T: eventeq:		2: 	4
T: eventgt:		2: 	3
T: eventlt:		0: 	3

# the pause: T1 waits for L2 with "lock", T2 unlocks -> T1 paused (O reads 0)
C: lock:		1: 	2
W: blocked:		1: 	2
T: opcodeeq:		1: 	lock
T: opcodegt:		1: 	2
T: opcodeeq:		1: 	3
C: unlock:		2: 	2
W: blockedwake:		1: 	2
T: opcodeeq:		1: 	0
C: unlock:		1: 	2
W: opcodeeq:		1: 	-22
T: blockedwake:		1: 	2
C: locknowait:		1: 	3
W: opcodeeq:		1: 	-22
T: unlocked:		1: 	3
C: lockcont:		1: 	3
W: opcodeeq:		1: 	-22
C: nop:			1: 	0
W: opcodeeq:		1: 	0
C: resetevent:		1: 	0
W: opcodeeq:		1: 	0
T: blockedwake:		1: 	2
C: lockcont:		1: 	2
W: locked:		1: 	2
T: opcodeeq:		1: 	0
T: eventeq:		1: 	2

# reset: releases every mutex the thread holds, waiters get them
C: locknowait:		2: 	0
W: blocked:		2: 	0
C: reset:		0: 	0
W: unlocked:		0: 	0
W: unlocked:		0: 	1
W: locked:		2: 	0
T: opcodeeq:		0: 	0

# reset inside the pause: T2 (holding L0) waits with "lock" for L2, is handed it and pauses;
# reset releases L0 but not the pending L2
C: lock:		2: 	2
W: blocked:		2: 	2
C: unlock:		1: 	2
W: blockedwake:		2: 	2
C: reset:		2: 	0
W: unlocked:		2: 	0
T: blockedwake:		2: 	2
C: lockcont:		2: 	2
W: locked:		2: 	2
C: reset:		2: 	0
W: unlocked:		2: 	2
