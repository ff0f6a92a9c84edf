# Semaphores and queues created with given sizes (scenario-language.md §18), and the defaults of
# objects created on first use; the object tests (§22) read their counts, waiters and contents.
C: semcreate:		0: count=2, max=3
C: semcreate:		1: max=1
C: semcreate:		2: none
C: qcreate:		0: capacity=3
C: qcreate:		1: none
# S0 starts with 2 of 3: two takes succeed, the third waits
T: semcounteq:		0: 2
C: semtake:		0: 0
C: semtake:		1: 0
T: semcounteq:		0: 0
C: semtake:		2: 0
W: opcodeeq:		2: semtake
T: semwaiterseq:	0: 1
# the first give goes to the waiter, the next three fill S0 to its max, the fourth is -16 (Busy)
C: semgive:		3: 0
W: opcodeeq:		2: 0
T: semcounteq:		0: 0
C: semgive:		3: 0
C: semgive:		3: 0
C: semgive:		3: 0
T: semcounteq:		0: 3
C: semgive:		3: 0
T: opcodeeq:		3: -16
T: semcounteq:		0: 3
# S1 (max 1, count 0): one give fits
C: semgive:		3: 1
T: opcodeeq:		3: 0
C: semgive:		3: 1
T: opcodeeq:		3: -16
T: semcounteq:		1: 1
# S2 (none) and S3 (first use) have the defaults: count 0, max 64
T: semcounteq:		2: 0
C: semgive:		3: 3
T: semcounteq:		3: 1
# Q0 holds 3 messages; the fourth send waits (qsenderseq), a receive lets it in
C: setvalue:		4: 1
C: qsend:		4: 0
C: setvalue:		4: 2
C: qsend:		4: 0
C: setvalue:		4: 3
C: qsend:		4: 0
T: qcounteq:		0: 3
T: qcontentseq:		0: 1,2,3
C: setvalue:		5: 4
C: qsend:		5: 0
W: opcodeeq:		5: qsend
T: qsenderseq:		0: 1
T: qreceiverseq:	0: 0
C: qreceive:		6: 0
W: opcodeeq:		6: 1
W: opcodeeq:		5: 0
T: qsenderseq:		0: 0
T: qcontentseq:		0: 2,3,4
# Q1 (none) and Q2 (first use) hold the default 2 messages
C: qsend:		4: 1
C: qsend:		4: 1
C: settimeout:		4: 0
C: qsendtimeout:	4: 1
T: opcodeeq:		4: -110
T: qcontentseq:		1: 3,3
C: qsend:		4: 2
C: qsendurgent:		4: 2
C: qsendtimeout:	4: 2
T: opcodeeq:		4: -110
T: qcounteq:		2: 2
# an empty queue with a waiting receiver
C: qreceive:		7: 3
W: opcodeeq:		7: qreceive
T: qreceiverseq:	3: 1
T: qcontentseq:		3: empty
T: qcounteq:		3: 0
