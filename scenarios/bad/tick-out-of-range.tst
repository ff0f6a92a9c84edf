# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: tick:		0: 	-1
