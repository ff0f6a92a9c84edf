# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# qcontentseq (scenario-language.md §22) takes words like 5,7, or empty.
C: qsend:		0: 0
T: qcontentseq:		0: 0;0
