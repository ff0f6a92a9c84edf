# A thread ends holding locks (scenario-language.md §20, rtmutex.md §15): the kernel's exit path
# releases every mutex it owns — each goes to its most urgent waiter, the boost it got is gone with
# it, a robust one reports -130 (OwnerDied) to its next owner, a recursive one is released whatever
# its depth. An ended thread takes no more commands (scenarios/bad/exit-then-command.tst).
C: resetevent:		0: 0
C: mutexcreate:		1: robust
C: mutexcreate:		2: recursive
# T0 holds L0 (plain), L1 (robust) and L2 (recursive, two levels)
C: locknowait:		0: 0
C: locknowait:		0: 1
C: locknowait:		0: 2
C: locknowait:		0: 2
W: locked:		0: 2
# waiters: T1 (SCHED_FIFO 80) on L0, T2 and T3 (SCHED_FIFO 50 and 60) on L1, T4 on L2
C: schedfifo:		1: 80
C: schedfifo:		2: 50
C: schedfifo:		3: 60
C: locknowait:		1: 0
C: locknowait:		2: 1
C: locknowait:		3: 1
C: locknowait:		4: 2
W: blocked:		4: 2
T: prioeq:		0: 80
T: mutexwaiterseq:	1: 2
C: resetevent:		0: 0
C: exit:		0: 0
# T0: one event, O 0, all digits 0
T: opcodeeq:		0: 0
T: eventeq:		0: 1
T: unlocked:		0: 0
T: unlocked:		0: 1
T: unlocked:		0: 2
W: locked:		1: 0
T: opcodeeq:		1: 0
T: mutexownereq:	0: 1
# L1 goes to its most urgent waiter, T3, with OwnerDied; T2 still waits
W: locked:		3: 1
T: opcodeeq:		3: -130
T: blocked:		2: 1
T: mutexownereq:	1: 3
W: locked:		4: 2
T: opcodeeq:		4: 0
# OwnerDied is reported once: T3 unlocks, T2 gets L1 normally
C: unlock:		3: 1
W: locked:		2: 1
T: opcodeeq:		2: 0
# --- in the pause after a wake-up, exit is refused like any other command (-22)
C: locknowait:		5: 3
W: locked:		5: 3
C: lock:		6: 3
W: blocked:		6: 3
C: unlock:		5: 3
W: blockedwake:		6: 3
C: exit:		6: 0
W: opcodeeq:		6: -22
C: lockcont:		6: 3
W: locked:		6: 3
# now not paused: it ends, releasing L3 to nobody
C: exit:		6: 0
T: mutexownereq:	3: -1
T: unlocked:		6: 3
