# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
C: resetevent:		0: 	0
C: locknowait:		0: 	0
T: trylock:		0: 	0
