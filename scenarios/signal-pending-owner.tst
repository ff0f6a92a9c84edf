#
# Signals and the pause after wake-up.
#
# A: a signal to a pending owner does not take the mutex away: after lockcont it still owns it
#    (spec section 5: try to take before looking at signals).
# B: a signalled pending owner whose mutex was stolen meanwhile returns -EINTR after lockcont.
# C: a signal wakes a blocked "lockint" waiter into the pause (blockedwake); its waiter stays
#    queued (the owner stays boosted) until lockcont, then it returns -EINTR and the owner
#    is deboosted.
# D: a signal to an uninterruptible "lock" waiter changes nothing.
#
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
C: schedfifo:		1: 	80
C: schedfifo:		2: 	85

# A
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lockint:		1: 	0
W: blocked:		1: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: signal:		1: 	0
T: blockedwake:		1: 	0
C: lockcont:		1: 	0
W: locked:		1: 	0
T: opcodeeq:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0

# B
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lockint:		1: 	0
W: blocked:		1: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: signal:		1: 	0
C: locknowait:		2: 	0
W: locked:		2: 	0
C: lockcont:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-4
C: unlock:		2: 	0
W: unlocked:		2: 	0

# C
C: locknowait:		0: 	0
W: locked:		0: 	0
C: lockint:		1: 	0
W: blocked:		1: 	0
T: prioeq:		0: 	80
C: signal:		1: 	0
W: blockedwake:		1: 	0
T: opcodeeq:		1: 	0
T: prioeq:		0: 	80
C: lockcont:		1: 	0
W: unlocked:		1: 	0
T: opcodeeq:		1: 	-4
T: prioeq:		0: 	-21

# D
C: lock:		1: 	0
W: blocked:		1: 	0
C: signal:		1: 	0
T: blocked:		1: 	0
T: opcodeeq:		1: 	lock
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: lockcont:		1: 	0
W: locked:		1: 	0
C: unlock:		1: 	0
W: unlocked:		1: 	0
