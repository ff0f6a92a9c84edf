# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
W: opcodeeq:		0: 	0
X: lock:		0: 	0
