# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: locknowait:		0: 	0
C: lock:		1: 	0
C: unlock:		0: 	0
W: blockedwake:		1: 	0
C: locknowait:		1: 	1
T: opcodeeq:		1: 	0
