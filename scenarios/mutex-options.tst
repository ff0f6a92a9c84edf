# Mutexes created with options (scenario-language.md §18, primitives.md §11-§14): a priority
# ceiling, recursion, robustness, and all three together.
C: resetevent:		0: 0
C: mutexcreate:		0: ceiling=80
C: mutexcreate:		1: recursive
C: mutexcreate:		2: robust
C: mutexcreate:		3: Ceiling=60, RECURSIVE, robust
C: mutexcreate:		4: none
# --- ceiling 80: the owner runs at 80 from the moment it locks; a thread above 80 is refused
C: locknowait:		0: 0
W: locked:		0: 0
T: prioeq:		0: 80
T: nprioeq:		0: -21
C: schedfifo:		1: 90
C: locknowait:		1: 0
W: opcodeeq:		1: -204
T: unlocked:		1: 0
T: mutexwaiterseq:	0: 0
# a thread below the ceiling waits as usual; the owner already runs above it (no boost needed)
C: schedfifo:		2: 70
C: locknowait:		2: 0
W: blocked:		2: 0
T: prioeq:		0: 80
T: mutexwaiterseq:	0: 1
C: unlock:		0: 0
W: locked:		2: 0
T: prioeq:		0: -21
T: prioeq:		2: 80
T: mutexownereq:	0: 2
C: unlock:		2: 0
W: unlocked:		2: 0
T: prioeq:		2: 70
# --- recursive: the owner locks again (0) and needs as many unlocks; the digit stays 4 until the last
C: locknowait:		3: 1
W: locked:		3: 1
C: locknowait:		3: 1
W: opcodeeq:		3: 0
C: lock:		3: 1
W: opcodeeq:		3: 0
C: locknowait:		4: 1
W: blocked:		4: 1
C: unlock:		3: 1
T: opcodeeq:		3: 0
T: locked:		3: 1
C: unlock:		3: 1
T: locked:		3: 1
T: mutexownereq:	1: 3
C: unlock:		3: 1
W: unlocked:		3: 1
W: locked:		4: 1
T: mutexownereq:	1: 4
C: unlock:		4: 1
W: unlocked:		4: 1
# a plain mutex (created with none) still refuses a self-lock
C: locknowait:		5: 4
W: locked:		5: 4
C: locknowait:		5: 4
W: opcodeeq:		5: -35
C: unlock:		5: 4
W: unlocked:		5: 4
# --- robust: its owner ends holding it; the next thread to take it gets -130 (OwnerDied) and owns it, once
C: locknowait:		6: 2
W: locked:		6: 2
C: exit:		6: 0
T: mutexownereq:	2: -1
C: locknowait:		7: 2
W: opcodeeq:		7: -130
T: locked:		7: 2
T: mutexownereq:	2: 7
C: unlock:		7: 2
W: unlocked:		7: 2
C: locknowait:		7: 2
W: opcodeeq:		7: 0
C: unlock:		7: 2
# --- all three: ceiling 60, recursive, robust; the owner ends two levels deep
C: locknowait:		8: 3
C: locknowait:		8: 3
W: locked:		8: 3
T: prioeq:		8: 60
C: schedfifo:		9: 50
C: locknowait:		9: 3
W: blocked:		9: 3
C: exit:		8: 0
W: locked:		9: 3
T: opcodeeq:		9: -130
T: prioeq:		9: 60
C: unlock:		9: 3
W: unlocked:		9: 3
T: prioeq:		9: 50
T: mutexownereq:	3: -1
