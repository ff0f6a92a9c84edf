# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: lock:		0: 	0: 	1
