# Every wait of a semaphore, queue or event flags can be interrupted (signal: -EINTR) and a timed
# one times out (-ETIMEDOUT after the thread's settimeout ticks); timeout 0 never waits
# (scenario-language.md §16, primitives.md §2).
C: semtake:		0: 0
W: opcodeeq:		0: semtake
C: signal:		0: 0
W: opcodeeq:		0: -4
C: qreceive:		1: 0
C: setvalue:		2: 8
C: flagswaitall:	2: 0
W: opcodeeq:		1: qreceive
W: opcodeeq:		2: flagswaitall
C: signal:		1: 0
C: signal:		2: 0
W: opcodeeq:		1: -4
W: opcodeeq:		2: -4
C: settimeout:		0: 3
C: semtaketimeout:	0: 0
C: tick:		0: 2
T: opcodeeq:		0: semtaketimeout
C: tick:		0: 1
W: opcodeeq:		0: -110
C: settimeout:		1: 0
C: qreceivetimeout:	1: 0
W: opcodeeq:		1: -110
C: semgive:		3: 0
C: settimeout:		0: 0
C: semtaketimeout:	0: 0
W: opcodeeq:		0: 0
C: semtaketimeout:	0: 0
W: opcodeeq:		0: -110
