# Event-flags waits that keep the flags, timed flags waits, and timed sends (scenario-language.md §21).
C: resetevent:		0: 0
# --- keep: T0 waits for any of 3, T1 for all of 3; neither clears, so one set wakes T0 and
# the next wakes T1 with the flags still there
C: setvalue:		0: 3
C: flagswaitkeep:	0: 0
C: setvalue:		1: 3
C: flagswaitallkeep:	1: 0
W: opcodeeq:		1: flagswaitallkeep
T: flagswaiterseq:	0: 2
C: setvalue:		2: 1
C: flagsset:		2: 0
W: opcodeeq:		0: 1
T: opcodeeq:		1: flagswaitallkeep
T: flagseq:		0: 1
C: setvalue:		2: 2
C: flagsset:		2: 0
W: opcodeeq:		1: 3
T: flagseq:		0: 3
T: flagswaiterseq:	0: 0
# already true: returns at once, flags kept
C: flagswaitkeep:	0: 0
T: opcodeeq:		0: 3
C: flagswaitallkeep:	1: 0
T: opcodeeq:		1: 3
T: flagseq:		0: 3
# a keeping wait is interruptible too
C: setvalue:		0: 16
C: flagswaitkeep:	0: 0
W: opcodeeq:		0: flagswaitkeep
C: signal:		0: 0
W: opcodeeq:		0: -4
# --- timed, clearing: T2 waits for any of 4 for 3 ticks: nothing after 2, -110 after the third
C: settimeout:		2: 3
C: setvalue:		2: 4
C: flagswaittimeout:	2: 0
C: tick:		0: 2
T: opcodeeq:		2: flagswaittimeout
C: tick:		0: 1
W: opcodeeq:		2: -110
T: flagswaiterseq:	0: 0
# timed, all, clearing: satisfied before the timeout, it clears exactly its flags
C: setvalue:		2: 12
C: flagswaitalltimeout:	2: 0
W: opcodeeq:		2: flagswaitalltimeout
C: setvalue:		3: 8
C: flagsset:		3: 0
T: opcodeeq:		2: flagswaitalltimeout
C: setvalue:		3: 4
C: flagsset:		3: 0
W: opcodeeq:		2: 15
T: flagseq:		0: 3
# timed, keeping: with timeout 0 a condition that holds returns at once, one that does not is -110
C: settimeout:		2: 0
C: setvalue:		2: 2
C: flagswaitkeeptimeout:	2: 0
T: opcodeeq:		2: 3
C: setvalue:		2: 7
C: flagswaitallkeeptimeout:	2: 0
T: opcodeeq:		2: -110
T: flagseq:		0: 3
C: settimeout:		2: 5
C: flagswaitallkeeptimeout:	2: 0
C: tick:		0: 1
C: setvalue:		3: 4
C: flagsset:		3: 0
W: opcodeeq:		2: 7
T: flagseq:		0: 7
C: setvalue:		2: 32
C: flagswaitkeeptimeout:	2: 0
C: tick:		0: 5
W: opcodeeq:		2: -110
# --- timed sends: Q0 (2 messages) full; qsendtimeout waits 2 ticks and gives up with -110
C: setvalue:		4: 1
C: qsend:		4: 0
C: setvalue:		4: 2
C: qsend:		4: 0
C: settimeout:		5: 2
C: setvalue:		5: 3
C: qsendtimeout:	5: 0
W: opcodeeq:		5: qsendtimeout
T: qsenderseq:		0: 1
C: tick:		0: 2
W: opcodeeq:		5: -110
T: qsenderseq:		0: 0
T: qcontentseq:		0: 1,2
# an urgent timed send that a receive lets in before its timeout: it goes to the front
C: setvalue:		5: 9
C: qsendurgenttimeout:	5: 0
W: opcodeeq:		5: qsendurgenttimeout
C: qreceive:		6: 0
W: opcodeeq:		6: 1
W: opcodeeq:		5: 0
T: qcontentseq:		0: 9,2
# timed receive (§16) for completeness: one word, then -110 on the empty queue
C: settimeout:		6: 1
C: qreceivetimeout:	6: 0
T: opcodeeq:		6: 9
C: qreceivetimeout:	6: 0
T: opcodeeq:		6: 2
C: qreceivetimeout:	6: 0
C: tick:		0: 1
W: opcodeeq:		6: -110
