# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: nop:		-1: 	0
