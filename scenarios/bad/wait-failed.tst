# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: locknowait:		0: 	0
C: locknowait:		1: 	0
W: locked:		1: 	0
