# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: locknowait:		0: 	0
C: locknowait:		1: 	0
W: blocked:		1: 	0
C: unlock:		1: 	0
