# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: schedfifo:		1: 	80
T: prioeq:		1: 	81
