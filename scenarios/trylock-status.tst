# The try-lock form that reports (scenario-language.md §23, rtmutex.md §6): locktrystatus answers
# what RtMutex.TryLockStatus returns, so a robust mutex's OwnerDied is never lost to a try-lock
# (locktry, the bool form, leaves such a mutex alone), and a destroyed mutex says Destroyed.
C: resetevent:		0: 0
C: mutexcreate:		1: robust
# T0 takes the robust mutex and ends holding it: the mutex is free and marked
C: locknowait:		0: 1
W: locked:		0: 1
C: exit:		0: 0
T: opcodeeq:		0: 0
# the bool form cannot report OwnerDied, so it does not take the mutex (-16) and the mark stays
C: locktry:		1: 1
T: opcodeeq:		1: -16
T: mutexownereq:	1: -1
# the status form takes it and reports -130 (OwnerDied), exactly once
C: locktrystatus:	1: 1
T: opcodeeq:		1: -130
T: mutexownereq:	1: 1
C: unlock:		1: 1
T: opcodeeq:		1: 0
C: locktrystatus:	2: 1
T: opcodeeq:		2: 0
C: unlock:		2: 1
# held by another thread: Busy
C: locknowait:		2: 0
W: locked:		2: 0
C: locktrystatus:	1: 0
T: opcodeeq:		1: -16
# destroyed: Destroyed
C: mutexdestroy:	3: 0
T: opcodeeq:		3: 0
C: locktrystatus:	1: 0
T: opcodeeq:		1: -200
