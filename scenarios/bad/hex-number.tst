# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: schedfifo:		1: 	0x50
