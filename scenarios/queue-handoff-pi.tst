# Message queue Q0 (two one-word messages) and priority inheritance (scenario-language.md §16).
# Receivers T0 (normal, holds L0) and T2 (SCHED_FIFO 50) wait on the empty Q0; T1 (SCHED_FIFO 80)
# blocks on L0, so T0 inherits 80 and becomes the most urgent receiver: qsend hands the word
# straight into T0's buffer (a receive's O is the word received). Then a full Q1 blocks a sender
# until a receive lets it in.
C: resetevent:		0: 0
C: schedfifo:		1: 80
C: schedfifo:		2: 50
C: locknowait:		0: 0
W: locked:		0: 0
C: qreceive:		0: 0
C: qreceive:		2: 0
W: opcodeeq:		0: qreceive
W: opcodeeq:		2: qreceive
C: locknowait:		1: 0
W: blocked:		1: 0
T: prioeq:		0: 80
C: setvalue:		3: 42
C: qsend:		3: 0
W: opcodeeq:		0: 42
T: opcodeeq:		2: qreceive
T: opcodeeq:		3: 0
C: setvalue:		3: 7
C: qsendurgent:		3: 0
W: opcodeeq:		2: 7
# Q1 holds two messages: the third send waits until a receive makes room
C: setvalue:		3: 5
C: qsend:		3: 1
C: qsend:		3: 1
T: opcodeeq:		3: 0
C: setvalue:		3: 6
C: qsend:		3: 1
W: opcodeeq:		3: qsend
C: qreceive:		2: 1
W: opcodeeq:		2: 5
W: opcodeeq:		3: 0
C: qreceive:		2: 1
W: opcodeeq:		2: 5
C: qreceive:		2: 1
W: opcodeeq:		2: 6
# T0 unlocks L0: T1 owns it, T0 back to normal
C: unlock:		0: 0
W: locked:		1: 0
T: prioeq:		0: -21
